// The snapshot cache and its memos: hot-path answers without entering wasm
// until the snapshot's valid-until or the next key re-resolution.

package licensewarden

import (
	_ "embed"
	"sync"
)

type snapshotCache struct {
	snap       Snapshot
	features   map[string]struct{}
	computedAt int64
	recheckAt  int64
	memo       denialMemo
	access     accessMemo
}

// denialMemo holds the core's denials for one snapshot. Its answers are a
// function of the snapshot, so each holds until the snapshot is recomputed
// (a new snapshotCache starts empty): a flood of requests for an unlicensed
// feature then costs no wasm call each. Bounded: once full, further names
// ask the core.
type denialMemo struct {
	mu       sync.Mutex
	features map[string]Error
	gates    map[[2]string]GateDecision
}

const maxMemo = 256

func (m *denialMemo) feature(name string) (*Error, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.features[name]
	if !ok {
		return nil, false
	}
	return e.clone(), true
}
func (m *denialMemo) rememberFeature(name string, e Error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.features == nil {
		m.features = map[string]Error{}
	}
	if len(m.features) < maxMemo {
		m.features[name] = *e.clone()
	}
}
func (m *denialMemo) gate(key [2]string) (GateDecision, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.gates[key]
	if ok && d.Error != nil {
		d.Error = d.Error.clone()
	}
	return d, ok
}
func (m *denialMemo) rememberGate(key [2]string, d GateDecision) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.gates == nil {
		m.gates = map[[2]string]GateDecision{}
	}
	if len(m.gates) < maxMemo {
		if d.Error != nil {
			d.Error = d.Error.clone()
		}
		m.gates[key] = d
	}
}

// clone copies an Error so that callers never share its details.
func (e *Error) clone() *Error {
	c := *e
	c.Details = append([]Detail(nil), e.Details...)
	return &c
}
func (l *Licensing) setCache(snap Snapshot, now int64) {
	c := &snapshotCache{snap: snap, features: make(map[string]struct{}, len(snap.Features)), computedAt: now, recheckAt: 1<<63 - 1}
	for _, f := range snap.Features {
		c.features[f] = struct{}{}
	}
	if snap.ValidUntil != nil && int64(*snap.ValidUntil) < c.recheckAt {
		c.recheckAt = int64(*snap.ValidUntil)
	}
	if l.cfg.Key == nil && l.cfg.ReloadInterval >= 0 {
		every := l.cfg.ReloadInterval
		if every == 0 {
			every = DefaultReloadInterval
		}
		if at := now + every.Milliseconds(); at < c.recheckAt {
			c.recheckAt = at
		}
	}
	if snap.Error != nil && snap.Error.Code == CodeInternal {
		c.recheckAt = now // ask again next time
	}
	l.cache.Store(c)
}
func (l *Licensing) fresh(now int64) *snapshotCache {
	c := l.cache.Load()
	if c != nil && now >= c.computedAt && now < c.recheckAt {
		return c
	}
	return nil
}
func (l *Licensing) ensureFresh() {
	l.freshCache()
}

// freshCache is the fresh cache entry, recomputed first when stale.
func (l *Licensing) freshCache() *snapshotCache {
	if c := l.fresh(l.nowMs()); c != nil {
		return c
	}
	l.Refresh()
	return l.cache.Load()
}
func (l *Licensing) fastAllow(feature string) bool {
	c := l.fresh(l.nowMs())
	if c == nil || c.snap.Blocking {
		return false
	}
	if feature == "" || c.snap.AllFeatures {
		return true
	}
	_, ok := c.features[feature]
	return ok
}
