package main

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/tools/cache"
)

// recordingHandler is one registered handler: every call becomes a "notify" record. With panicOn
// set, a call about the object of that name panics after it was recorded.
type recordingHandler struct {
	id      string
	out     *output
	panicOn string
	mu      sync.Mutex
	seen    int
}

func (h *recordingHandler) note(r record) {
	h.mu.Lock()
	h.seen++
	h.mu.Unlock()
	r.Kind, r.Handler = "notify", h.id
	h.out.write(r)
	if h.panicOn != "" {
		if _, name, err := cache.SplitMetaNamespaceKey(r.Key); err == nil && name == h.panicOn {
			panic(fmt.Sprintf("handler %s refuses %s", h.id, r.Key))
		}
	}
}

func (h *recordingHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seen
}

func (h *recordingHandler) OnAdd(obj interface{}, isInInitialList bool) {
	h.note(record{Type: "add", Key: keyOf(obj), RV: rvOf(obj), Initial: &isInInitialList, Transforms: transformsOf(obj)})
}

func (h *recordingHandler) OnUpdate(oldObj, newObj interface{}) {
	h.note(record{Type: "update", Key: keyOf(newObj), RV: rvOf(newObj), OldRV: rvOf(oldObj), Transforms: transformsOf(newObj)})
}

func (h *recordingHandler) OnDelete(obj interface{}) {
	tombstone := false
	inner := obj
	if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		tombstone, inner = true, t.Obj
	}
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		key = "<" + err.Error() + ">"
	}
	h.note(record{Type: "delete", Key: key, RV: rvOf(inner), Tombstone: &tombstone, Transforms: transformsOf(inner)})
}

func keyOf(obj interface{}) string {
	key, err := cache.MetaNamespaceKeyFunc(obj)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return key
}

func rvOf(obj interface{}) string {
	if obj == nil {
		return ""
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return ""
	}
	return m.GetResourceVersion()
}

// transformsOf reads the counter the "count" transform keeps in an annotation (nil without one).
func transformsOf(obj interface{}) *int {
	if obj == nil {
		return nil
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil
	}
	s, ok := m.GetAnnotations()[countAnnotation]
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}

// registry keeps the handlers by id, with their registrations.
type registry struct {
	out      *output
	informer cache.SharedIndexInformer
	mu       sync.Mutex
	regs     map[string]cache.ResourceEventHandlerRegistration
}

func newRegistry(out *output, informer cache.SharedIndexInformer) *registry {
	return &registry{out: out, informer: informer, regs: map[string]cache.ResourceEventHandlerRegistration{}}
}

// add registers handler id (resync nil: AddEventHandler, else AddEventHandlerWithResyncPeriod, even
// for 0) and records the moment its registration reports synced.
func (r *registry) add(ctx context.Context, id string, resync *time.Duration, panicOn string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.regs[id]; dup {
		return fmt.Errorf("handler %q exists", id)
	}
	h := &recordingHandler{id: id, out: r.out, panicOn: panicOn}
	var reg cache.ResourceEventHandlerRegistration
	var err error
	if resync == nil {
		reg, err = r.informer.AddEventHandler(h)
	} else {
		reg, err = r.informer.AddEventHandlerWithResyncPeriod(h, *resync)
	}
	if err != nil {
		return err
	}
	r.regs[id] = reg
	go func() {
		if pollUntil(ctx, reg.HasSynced) {
			n := h.count()
			r.out.write(record{Kind: "synced", Handler: id, Seen: &n})
		}
	}()
	return nil
}

func (r *registry) remove(id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	reg, ok := r.regs[id]
	if !ok {
		return fmt.Errorf("no handler %q", id)
	}
	delete(r.regs, id)
	return r.informer.RemoveEventHandler(reg)
}

// pollUntil checks cond every 2 ms (cache.WaitForCacheSync polls every 100 ms: too coarse to place
// the moment among notifications) until it holds (true) or ctx ends (false).
func pollUntil(ctx context.Context, cond func() bool) bool {
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
	return true
}
