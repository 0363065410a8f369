package main

import (
	"os"
	"strconv"

	clientfeatures "k8s.io/client-go/features"
)

// knownGates are the client-go gates that shape an informer (client-go features/known_features.go).
var knownGates = []clientfeatures.Feature{
	clientfeatures.AtomicFIFO,
	clientfeatures.InOrderInformers,
	clientfeatures.InOrderInformersBatchProcess,
	clientfeatures.InformerResourceVersion,
	clientfeatures.UnlockWhileProcessingFIFO,
	clientfeatures.WatchListClient,
}

// forcedGates answers from KUBE_FEATURE_<Gate> even for a gate client-go locks to its default, and
// otherwise defers to client-go's own environment-variable gates.
type forcedGates struct {
	base   clientfeatures.Gates
	forced map[clientfeatures.Feature]bool
}

func (g forcedGates) Enabled(key clientfeatures.Feature) bool {
	if v, ok := g.forced[key]; ok {
		return v
	}
	return g.base.Enabled(key)
}

// installFeatureGates replaces client-go's gates before anything reads them and returns the
// effective values of knownGates.
func installFeatureGates() map[string]bool {
	g := forcedGates{base: clientfeatures.FeatureGates(), forced: map[clientfeatures.Feature]bool{}}
	for _, f := range knownGates {
		if s, ok := os.LookupEnv("KUBE_FEATURE_" + string(f)); ok {
			if v, err := strconv.ParseBool(s); err == nil {
				g.forced[f] = v
			}
		}
	}
	clientfeatures.ReplaceFeatureGates(g)
	effective := map[string]bool{}
	for _, f := range knownGates {
		effective[string(f)] = g.Enabled(f)
	}
	return effective
}
