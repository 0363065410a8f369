package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// record is one JSON line of the recording. Kinds:
//
//	gates       the effective client-go feature gates
//	started     factory.Start returned
//	notify      a handler was called: handler, type (add|update|delete), key, rv, oldRv (updates),
//	            initial (adds: isInInitialList), tombstone (deletes: a DeletedFinalStateUnknown),
//	            transforms (how many times the named "count" transform ran on the object)
//	synced      informer:true — informer.HasSynced() became true; handler:<id> — that registration's
//	            HasSynced() became true, seen = notifications that handler had received when observed
//	watchError  the informer's watch error handler was called (ListAndWatch returned an error)
//	request     the client sent a request: method, url (path and query) — every LIST and WATCH
//	ack         a stdin command was done (state: the cache snapshot for "state")
//	error/fatal something went wrong in the recorder itself
//	stopped     the informer was shut down
type record struct {
	Seq        int64           `json:"seq"`
	T          float64         `json:"t"` // ms since the recorder started (diagnostics only)
	Kind       string          `json:"kind"`
	Handler    string          `json:"handler,omitempty"`
	Type       string          `json:"type,omitempty"`
	Key        string          `json:"key,omitempty"`
	RV         string          `json:"rv,omitempty"`
	OldRV      string          `json:"oldRv,omitempty"`
	Initial    *bool           `json:"initial,omitempty"`
	Tombstone  *bool           `json:"tombstone,omitempty"`
	Transforms *int            `json:"transforms,omitempty"`
	Informer   bool            `json:"informer,omitempty"`
	Seen       *int            `json:"seen,omitempty"`
	Error      string          `json:"error,omitempty"`
	ID         string          `json:"id,omitempty"`
	Cmd        string          `json:"cmd,omitempty"`
	State      *state          `json:"state,omitempty"`
	Gates      map[string]bool `json:"gates,omitempty"`
	Method     string          `json:"method,omitempty"`
	URL        string          `json:"url,omitempty"`
}

// requestLogger records every request the clientset sends (rest.Config.Wrap).
type requestLogger struct {
	next http.RoundTripper
	out  *output
}

func (l requestLogger) RoundTrip(req *http.Request) (*http.Response, error) {
	l.out.write(record{Kind: "request", Method: req.Method, URL: req.URL.RequestURI()})
	return l.next.RoundTrip(req)
}

// output serialises records from many goroutines, one flushed line each.
type output struct {
	mu    sync.Mutex
	w     *bufio.Writer
	enc   *json.Encoder
	seq   int64
	start time.Time
}

func newOutput(w io.Writer) *output {
	b := bufio.NewWriter(w)
	return &output{w: b, enc: json.NewEncoder(b), start: time.Now()}
}

func (o *output) write(r record) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seq++
	r.Seq = o.seq
	r.T = float64(time.Since(o.start).Microseconds()) / 1000
	_ = o.enc.Encode(r) // Encode appends the newline
	_ = o.w.Flush()
}
