package licensewarden

// net/http middleware over Licensing.Gate. The decision and its JSON body
// come from the core, so every host answers expired (503) and
// missing-feature (403) requests with the same body.

import (
	"context"
	"encoding/json"
	"net/http"
)

// Middleware gates every request: after expiry, 503 except the policy's
// exempt paths (/health, /ready, /metrics, ...). During the offline grace
// period allowed responses carry `x-license-warning`.
func (l *Licensing) Middleware(next http.Handler) http.Handler {
	return l.gateHandler("", next)
}

// RequireFeature wraps a route that needs feature: 403 naming the feature
// and the plan when it is not licensed (503 after expiry).
func (l *Licensing) RequireFeature(feature string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return l.gateHandler(feature, next) }
}

func (l *Licensing) gateHandler(feature string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := l.Gate(r.URL.Path, feature)
		if !d.Allow && d.Error != nil && awaitingCheck[d.Error.Code] {
			// Only that no check has been made yet: wait for the first one
			// (bounded) rather than refuse a paying customer.
			ctx, cancel := context.WithTimeout(r.Context(), FirstCheckWait)
			l.Ready(ctx)
			cancel()
			d = l.Gate(r.URL.Path, feature)
		}
		if !d.Allow {
			w.Header().Set("content-type", "application/json")
			w.WriteHeader(int(d.HTTPStatus))
			_, _ = w.Write([]byte(d.Body))
			return
		}
		if warning := l.Warning(); warning != "" {
			w.Header().Set("x-license-warning", warning)
		}
		next.ServeHTTP(w, r)
	})
}

// MetricsHandler serves the core's Prometheus text (while the core cannot
// run, its failure text: the gauges at zero, so alerts fire).
func (l *Licensing) MetricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		m := l.Metrics()
		w.Header().Set("content-type", "text/plain; version=0.0.4")
		_, _ = w.Write([]byte(m))
	})
}

// Warning is the message to attach to allowed responses while the license
// runs on its offline grace period, or "". ASCII only, at most 512 bytes:
// header values cannot carry anything else safely.
func (l *Licensing) Warning() string {
	if w := l.Snapshot().Warning; w != nil {
		return *w
	}
	return ""
}

// errorBody is the denial body the core writes, for failures of the host.
func errorBody(e *Error) string {
	details := map[string]string{}
	for _, d := range e.Details {
		details[d.Key] = d.Value
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": e.Code.String(), "message": e.Message, "details": details}})
	return string(b)
}
