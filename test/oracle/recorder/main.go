// Command recorder runs one real client-go SharedIndexInformer against a cluster (through a
// kubeconfig) and writes everything it observes as JSON lines on stdout: one line per handler
// notification, plus HasSynced moments, watch errors, cache snapshots and command acknowledgements.
// It is the Go half of the differential oracle in test/oracle (the TypeScript driver runs our own
// informer beside it and compares the two recordings).
//
// Options come from flags (see -h): resource, resync period, namespace, label/field selectors (through
// informers.WithTweakListOptions), a named transform, extra named indexers and the handlers registered
// before Start. client-go feature gates come from KUBE_FEATURE_<Gate> environment variables, which
// client-go reads itself; a gate that client-go locks to its default (InOrderInformers since 1.36) is
// forced through features.ReplaceFeatureGates, so the DeltaFIFO path of this client-go release can be
// recorded too.
//
// Commands arrive as JSON lines on stdin, each acknowledged with {"kind":"ack","id":…}:
//
//	{"cmd":"addHandler","id":"late","handler":"h3","resync":"0s","panicOn":""}   register a handler after Start
//	{"cmd":"removeHandler","id":"x","handler":"h3"}
//	{"cmd":"state","id":"x"}   write the cache (key → RV), index values and LastSyncResourceVersion
//	{"cmd":"stop","id":"x"}    stop the informer and exit (so does EOF on stdin)
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var (
		kubeconfig    = flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig file")
		resource      = flag.String("resource", "pods", "resource to inform on: pods, configmaps, services, nodes, namespaces, deployments, replicasets")
		resync        = flag.Duration("resync", 0, "the factory's default resync period")
		namespace     = flag.String("namespace", "", "informers.WithNamespace (empty: all namespaces)")
		labelSelector = flag.String("label-selector", "", "label selector, set through WithTweakListOptions")
		fieldSelector = flag.String("field-selector", "", "field selector, set through WithTweakListOptions")
		transform     = flag.String("transform", "", "named transform (see transforms.go): count, strip, fail:<name>")
		handlers      multiFlag
		indexers      multiFlag
		panics        multiFlag
	)
	flag.Var(&handlers, "handler", "a handler registered before Start: <id> (AddEventHandler) or <id>:<resync period> (AddEventHandlerWithResyncPeriod) (repeatable)")
	flag.Var(&panics, "panic-on", "<handler id>=<object name>: that handler panics on notifications about that object (repeatable)")
	flag.Var(&indexers, "indexer", "an extra indexer (see indexers.go): byNode, byLabel:<key> (repeatable)")
	klog.InitFlags(nil)
	flag.Parse()

	// A panicking handler must not end the recorder: with ReallyCrash off, client-go's listener logs
	// the panic, skips the notification and goes on after a second (shared_informer.go run).
	utilruntime.ReallyCrash = false
	panicOn := map[string]string{}
	for _, p := range panics {
		id, name, _ := strings.Cut(p, "=")
		panicOn[id] = name
	}

	out := newOutput(os.Stdout)
	gates := installFeatureGates()
	out.write(record{Kind: "gates", Gates: gates})

	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		fatal(out, "kubeconfig: %v", err)
	}
	config.QPS, config.Burst = 1000, 1000 // a relist loop must not be slowed by client-side throttling
	config.Wrap(func(rt http.RoundTripper) http.RoundTripper { return requestLogger{next: rt, out: out} })
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		fatal(out, "client: %v", err)
	}

	gvr, ok := resources[*resource]
	if !ok {
		fatal(out, "unknown resource %q", *resource)
	}
	options := []informers.SharedInformerOption{informers.WithNamespace(*namespace)}
	if *labelSelector != "" || *fieldSelector != "" {
		options = append(options, informers.WithTweakListOptions(tweak(*labelSelector, *fieldSelector)))
	}
	if *transform != "" {
		fn, err := namedTransform(*transform)
		if err != nil {
			fatal(out, "%v", err)
		}
		options = append(options, informers.WithTransform(fn))
	}
	factory := informers.NewSharedInformerFactoryWithOptions(client, *resync, options...)
	generic, err := factory.ForResource(gvr)
	if err != nil {
		fatal(out, "informer for %v: %v", gvr, err)
	}
	informer := generic.Informer()
	for _, spec := range indexers {
		name, fn, err := namedIndexer(spec)
		if err != nil {
			fatal(out, "%v", err)
		}
		if err := informer.AddIndexers(cache.Indexers{name: fn}); err != nil {
			fatal(out, "indexer %s: %v", name, err)
		}
	}
	if err := informer.SetWatchErrorHandler(func(_ *cache.Reflector, err error) {
		out.write(record{Kind: "watchError", Error: err.Error()})
	}); err != nil {
		fatal(out, "watch error handler: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reg := newRegistry(out, informer)
	for _, spec := range handlers {
		id, period, err := parseHandler(spec)
		if err != nil {
			fatal(out, "%v", err)
		}
		if err := reg.add(ctx, id, period, panicOn[id]); err != nil {
			fatal(out, "handler %s: %v", id, err)
		}
	}

	factory.Start(ctx.Done())
	go func() {
		if pollUntil(ctx, informer.HasSynced) {
			out.write(record{Kind: "synced", Informer: true, RV: informer.LastSyncResourceVersion()})
		}
	}()
	out.write(record{Kind: "started"})

	commands(ctx, out, reg, informer)
	cancel()
	factory.Shutdown()
	out.write(record{Kind: "stopped"})
}

// commands reads stdin until EOF or a stop command.
func commands(ctx context.Context, out *output, reg *registry, informer cache.SharedIndexInformer) {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		var c command
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			out.write(record{Kind: "error", Error: fmt.Sprintf("bad command %q: %v", line, err)})
			continue
		}
		ack := record{Kind: "ack", ID: c.ID, Cmd: c.Cmd}
		switch c.Cmd {
		case "addHandler":
			var period *time.Duration
			var err error
			if c.Resync != "" {
				var d time.Duration
				d, err = time.ParseDuration(c.Resync)
				period = &d
			}
			if err == nil {
				err = reg.add(ctx, c.Handler, period, c.PanicOn)
			}
			if err != nil {
				ack.Error = err.Error()
			}
		case "removeHandler":
			if err := reg.remove(c.Handler); err != nil {
				ack.Error = err.Error()
			}
		case "state":
			ack.State = snapshot(informer)
		case "stop":
			out.write(ack)
			return
		default:
			ack.Error = fmt.Sprintf("unknown command %q", c.Cmd)
		}
		out.write(ack)
	}
}

type command struct {
	Cmd     string `json:"cmd"`
	ID      string `json:"id"`
	Handler string `json:"handler"`
	Resync  string `json:"resync"` // empty: AddEventHandler; else AddEventHandlerWithResyncPeriod
	PanicOn string `json:"panicOn"`
}

var resources = map[string]schema.GroupVersionResource{
	"pods":        {Version: "v1", Resource: "pods"},
	"configmaps":  {Version: "v1", Resource: "configmaps"},
	"services":    {Version: "v1", Resource: "services"},
	"nodes":       {Version: "v1", Resource: "nodes"},
	"namespaces":  {Version: "v1", Resource: "namespaces"},
	"deployments": {Group: "apps", Version: "v1", Resource: "deployments"},
	"replicasets": {Group: "apps", Version: "v1", Resource: "replicasets"},
}

// parseHandler reads <id> or <id>:<period>; the period is nil without one.
func parseHandler(spec string) (string, *time.Duration, error) {
	id, period, found := strings.Cut(spec, ":")
	if id == "" {
		return "", nil, fmt.Errorf("bad -handler %q: want <id>[:<period>]", spec)
	}
	if !found {
		return id, nil, nil
	}
	d, err := time.ParseDuration(period)
	if err != nil {
		return "", nil, fmt.Errorf("bad -handler %q: %v", spec, err)
	}
	return id, &d, nil
}

func fatal(out *output, format string, args ...any) {
	out.write(record{Kind: "fatal", Error: fmt.Sprintf(format, args...)})
	os.Exit(2)
}
