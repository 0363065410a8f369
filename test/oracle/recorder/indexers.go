package main

import (
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/cache"
)

// namedIndexer returns one of the indexers the TypeScript driver knows by the same name:
//
//	byNode         a pod's spec.nodeName (no value when unbound)
//	byLabel:<key>  the value of label <key> (no value without it)
func namedIndexer(spec string) (string, cache.IndexFunc, error) {
	name, arg, _ := strings.Cut(spec, ":")
	switch name {
	case "byNode":
		return "byNode", func(obj interface{}) ([]string, error) {
			if p, ok := obj.(*corev1.Pod); ok && p.Spec.NodeName != "" {
				return []string{p.Spec.NodeName}, nil
			}
			return nil, nil
		}, nil
	case "byLabel":
		if arg == "" {
			return "", nil, fmt.Errorf("indexer byLabel needs a key: byLabel:<key>")
		}
		return "byLabel:" + arg, func(obj interface{}) ([]string, error) {
			m, err := meta.Accessor(obj)
			if err != nil {
				return nil, nil
			}
			if v, ok := m.GetLabels()[arg]; ok {
				return []string{v}, nil
			}
			return nil, nil
		}, nil
	}
	return "", nil, fmt.Errorf("unknown indexer %q", spec)
}

// state is a snapshot of the informer's cache: key → RV, and per index, value → sorted keys.
type state struct {
	Items   map[string]string              `json:"items"`
	Indexes map[string]map[string][]string `json:"indexes"`
	LastRV  string                         `json:"lastSyncResourceVersion"`
	Synced  bool                           `json:"hasSynced"`
}

func snapshot(informer cache.SharedIndexInformer) *state {
	indexer := informer.GetIndexer()
	s := &state{Items: map[string]string{}, Indexes: map[string]map[string][]string{},
		LastRV: informer.LastSyncResourceVersion(), Synced: informer.HasSynced()}
	for _, obj := range indexer.List() {
		s.Items[keyOf(obj)] = rvOf(obj)
	}
	for name := range indexer.GetIndexers() {
		values := map[string][]string{}
		for _, v := range indexer.ListIndexFuncValues(name) {
			keys, err := indexer.IndexKeys(name, v)
			if err != nil || len(keys) == 0 {
				continue
			}
			sort.Strings(keys)
			values[v] = keys
		}
		s.Indexes[name] = values
	}
	return s
}

// tweak sets the selectors on every list and watch of the factory's informers.
func tweak(labelSelector, fieldSelector string) func(*metav1.ListOptions) {
	return func(o *metav1.ListOptions) {
		o.LabelSelector = labelSelector
		o.FieldSelector = fieldSelector
	}
}
