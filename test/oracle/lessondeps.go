// Package oracle holds the Go side of the client-go oracle (see README.md in this folder).
//
// This file only pins, for `go mod tidy`, the packages that the lesson programs extracted into gen/
// (a generated, git-ignored folder) import, so go.sum keeps their entries even where gen/ does not exist.
package oracle

import (
	_ "k8s.io/api/apps/v1"
	_ "k8s.io/api/core/v1"
	_ "k8s.io/apimachinery/pkg/api/errors"
	_ "k8s.io/apimachinery/pkg/apis/meta/v1"
	_ "k8s.io/apimachinery/pkg/labels"
	_ "k8s.io/apimachinery/pkg/util/runtime"
	_ "k8s.io/apimachinery/pkg/util/strategicpatch"
	_ "k8s.io/apimachinery/pkg/util/wait"
	_ "k8s.io/client-go/informers"
	_ "k8s.io/client-go/kubernetes"
	_ "k8s.io/client-go/listers/apps/v1"
	_ "k8s.io/client-go/listers/core/v1"
	_ "k8s.io/client-go/tools/cache"
	_ "k8s.io/client-go/tools/clientcmd"
	_ "k8s.io/client-go/util/workqueue"
)
