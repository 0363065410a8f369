package main

import (
	"fmt"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

// countAnnotation is where the "count" transform keeps how many times it ran on an object.
const countAnnotation = "oracle.informer-playground/transforms"

// namedTransform returns one of the transforms the TypeScript driver knows by the same name:
//
//	count        adds 1 to the countAnnotation (not idempotent on purpose: shows how often client-go
//	             transforms an object, e.g. twice for a watch-list initial item)
//	strip        drops managedFields and the last-applied annotation (idempotent, lesson 15's slim)
//	fail:<name>  returns an error for objects named <name>, and leaves every other object alone
func namedTransform(spec string) (cache.TransformFunc, error) {
	name, arg, _ := strings.Cut(spec, ":")
	switch name {
	case "count":
		return func(obj interface{}) (interface{}, error) {
			m, err := meta.Accessor(obj)
			if err != nil {
				return obj, nil // a tombstone or a list: left alone
			}
			a := m.GetAnnotations()
			if a == nil {
				a = map[string]string{}
			}
			n, _ := strconv.Atoi(a[countAnnotation])
			a[countAnnotation] = strconv.Itoa(n + 1)
			m.SetAnnotations(a)
			return obj, nil
		}, nil
	case "strip":
		return func(obj interface{}) (interface{}, error) {
			if m, err := meta.Accessor(obj); err == nil {
				m.SetManagedFields([]metav1.ManagedFieldsEntry(nil))
				if a := m.GetAnnotations(); a != nil {
					delete(a, "kubectl.kubernetes.io/last-applied-configuration")
				}
			}
			return obj, nil
		}, nil
	case "fail":
		if arg == "" {
			return nil, fmt.Errorf("transform fail needs a name: fail:<name>")
		}
		return func(obj interface{}) (interface{}, error) {
			if m, err := meta.Accessor(obj); err == nil && m.GetName() == arg {
				return nil, fmt.Errorf("transform refuses %s", arg)
			}
			return obj, nil
		}, nil
	}
	return nil, fmt.Errorf("unknown transform %q", spec)
}
