// Command patchoracle applies Kubernetes patches the way the real kube-apiserver does, so our
// TypeScript patch code (src/apimachinery) can be compared with it.
//
// Input, one JSON object per line on stdin:
//
//	{"id":"…","type":"strategic"|"merge"|"json","kind":"Pod","original":{…},"patch":<JSON>}
//
// Output, one line per input line, in order:
//
//	{"id":"…","result":{…}}                      the patched object
//	{"id":"…","error":"…","code":400|422|500}    the error and the HTTP status the apiserver would send
//
// The libraries are the apiserver's own (k8s.io/apiserver pkg/endpoints/handlers/patch.go):
// application/json-patch+json → gopkg.in/evanphx/json-patch.v4 DecodePatch + Apply;
// application/merge-patch+json → the same library's MergePatch; application/strategic-merge-patch+json
// → k8s.io/apimachinery/pkg/util/strategicpatch StrategicMergeMapPatch with the kind's Go type as the
// schema. The patch is applied to the object as given (a JSON map); the apiserver additionally converts
// through the typed object before and after (dropping unknown fields, applying defaults), which is
// not the patch algorithm and is left out on purpose.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/mergepatch"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
)

type input struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Kind     string          `json:"kind"`
	Original json.RawMessage `json:"original"`
	Patch    json.RawMessage `json:"patch"`
}

type output struct {
	ID     string          `json:"id"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
	Code   int             `json:"code,omitempty"`
}

var schemas = map[string]func() runtime.Object{
	"Pod":        func() runtime.Object { return &corev1.Pod{} },
	"ConfigMap":  func() runtime.Object { return &corev1.ConfigMap{} },
	"Service":    func() runtime.Object { return &corev1.Service{} },
	"Node":       func() runtime.Object { return &corev1.Node{} },
	"Namespace":  func() runtime.Object { return &corev1.Namespace{} },
	"Deployment": func() runtime.Object { return &appsv1.Deployment{} },
	"ReplicaSet": func() runtime.Object { return &appsv1.ReplicaSet{} },
}

// httpError is an error with the status code the apiserver would answer with.
type httpError struct {
	code int
	err  error
}

func (e httpError) Error() string { return e.err.Error() }

func apply(in input) ([]byte, error) {
	switch in.Type {
	case "json":
		p, err := jsonpatch.DecodePatch(in.Patch)
		if err != nil {
			return nil, httpError{400, err}
		}
		out, err := p.Apply(in.Original)
		if err != nil {
			return nil, httpError{422, err}
		}
		return out, nil
	case "merge":
		out, err := jsonpatch.MergePatch(in.Original, in.Patch)
		if err == jsonpatch.ErrBadJSONPatch {
			return nil, httpError{400, err}
		}
		if err != nil {
			return nil, httpError{500, err}
		}
		return out, nil
	case "strategic":
		schema, ok := schemas[in.Kind]
		if !ok {
			return nil, fmt.Errorf("no schema for kind %q", in.Kind)
		}
		var original, patch map[string]interface{}
		if err := json.Unmarshal(in.Original, &original); err != nil {
			return nil, httpError{400, err}
		}
		if err := json.Unmarshal(in.Patch, &patch); err != nil {
			return nil, httpError{400, err}
		}
		out, err := strategicpatch.StrategicMergeMapPatch(original, patch, schema())
		if err != nil {
			return nil, httpError{smpCode(err), err}
		}
		return json.Marshal(out)
	}
	return nil, fmt.Errorf("unknown patch type %q", in.Type)
}

// smpCode follows the apiserver's interpretStrategicMergePatchError.
func smpCode(err error) int {
	switch err {
	case mergepatch.ErrBadJSONDoc, mergepatch.ErrBadPatchFormatForPrimitiveList, mergepatch.ErrBadPatchFormatForRetainKeys,
		mergepatch.ErrBadPatchFormatForSetElementOrderList, mergepatch.ErrUnsupportedStrategicMergePatchFormat:
		return 400
	case mergepatch.ErrNoListOfLists, mergepatch.ErrPatchContentNotMatchRetainKeys:
		return 422
	}
	return 500
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for in.Scan() {
		if len(in.Bytes()) == 0 {
			continue
		}
		var req input
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			_ = enc.Encode(output{Error: fmt.Sprintf("bad input line: %v", err), Code: 400})
			continue
		}
		res := output{ID: req.ID}
		out, err := apply(req)
		if err != nil {
			res.Error = err.Error()
			res.Code = 500
			if h, ok := err.(httpError); ok {
				res.Code = h.code
			}
		} else {
			res.Result = out
		}
		_ = enc.Encode(res)
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
