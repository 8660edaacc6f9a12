package licensewarden

// Online validation: the core builds each request and judges each answer
// (sans-IO); this file only moves bytes with net/http and schedules due
// checks on a goroutine, never on a request path.

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// OnlineSettings configures validation against a license server
// (docs/online-protocol.md).
type OnlineSettings struct {
	// ServerURL is the license server's base URL (https, or http on loopback).
	ServerURL string
	// ServerKeys are the Ed25519 keys the server signs its answers with.
	ServerKeys []TrustedKey
	// LeaseHours a successful check lasts (0: 24); GraceHours an offline
	// device keeps its features after the last success (0: 72).
	LeaseHours, GraceHours uint32
	// StateDir holds the sealed state; "" means ~/.<product>/state.
	StateDir string
	// WitnessDir holds the rollback witnesses (docs/online-protocol.md);
	// "" means ~/.local/share/<product> with the default StateDir, else
	// StateDir itself.
	WitnessDir string
	// Client sends the requests; nil means a client with Timeout that never
	// follows redirects (an answer must come from the server itself).
	Client *http.Client
	// Timeout per request; 0 means DefaultTimeout.
	Timeout time.Duration
	// NoBackground disables the goroutine that runs due checks.
	NoBackground bool
	// StatusToken (gateway mode) is a token with scope `status`: the
	// instance fetches the server's status list instead of validating a
	// device.
	StatusToken string
	// Proxy is http://[user:password@]host:port; it wins over the proxy
	// variables (https_proxy, NO_PROXY, ...), which the core reads as curl
	// does (docs/proxies.md). A Client of your own is handed the core's
	// route through the request's context (ProxyFromContext).
	Proxy string
	// CAFile is a PEM file of certificate authorities trusted for the
	// server's certificate besides the system's (a TLS-intercepting
	// proxy's CA); it wins over SSL_CERT_FILE and NODE_EXTRA_CA_CERTS. With
	// a Client of your own New refuses it: give that client the CA.
	CAFile string
	// Agent is the license agent's socket (else <PRODUCT>_LICENSE_AGENT):
	// this process takes its key and the server's answers from the agent
	// (docs/agent.md) and registers no device of its own.
	Agent string
}

// networkVariables are the proxy and CA variables the core reads (curl's
// rules: HTTP_PROXY is never among them).
var networkVariables = []string{"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY",
	"no_proxy", "NO_PROXY", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"}

// networkEnv is every proxy and CA variable getenv has.
func networkEnv(getenv func(string) string) []Detail {
	var out []Detail
	for _, name := range networkVariables {
		if v := getenv(name); v != "" {
			out = append(out, Detail{Key: name, Value: v})
		}
	}
	return out
}

// maxAgentBytes caps a license agent's message.
const maxAgentBytes = 64 << 10

// readAgent is the license agent's message from its socket, as the core
// takes it: a 200 response whose body is the message (docs/agent.md).
func readAgent(ctx context.Context, path string, timeout time.Duration) (*Response, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	body, err := io.ReadAll(io.LimitReader(conn, maxAgentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", path, err)
	}
	return &Response{Status: 200, Body: string(bytes.ToValidUTF8(body, []byte("\uFFFD")))}, nil
}

// AgentMessage is what this process hands its host's processes when it
// runs as their license agent (docs/agent.md): the key and the server's
// answer it holds; ok is false without a verified key.
func (l *Licensing) AgentMessage() (message string, ok bool, err error) {
	var m *string
	if e := l.enter("agent-message", func(g *exports) (err error) { m, err = g.AgentMessage(l.ctx); return }); e != nil {
		return "", false, e
	}
	if m == nil {
		return "", false, nil
	}
	return *m, true, nil
}

// maxCAFileBytes caps the CA bundle read.
const maxCAFileBytes = 1 << 20

// caPool is the system's roots plus the certificates in the PEM file at
// path. Errors name the file in words the core's tls-failed cause knows.
func caPool(path string) (*x509.CertPool, error) {
	pem, err := ReadBounded(path, maxCAFileBytes)
	if err != nil {
		return nil, fmt.Errorf("certificate authorities file %q: %w", path, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("certificate authorities file %q: no PEM certificate in it", path)
	}
	return pool, nil
}

// clientFor is the client that sends req: the settings' own, with the CA
// bundle the core chose added to the system's roots.
func (o *OnlineSettings) clientFor(req Request) (*http.Client, error) {
	c := o.client()
	if req.CaFile == nil || o.Client != nil {
		return c, nil
	}
	pool, err := caPool(*req.CaFile)
	if err != nil {
		return nil, err
	}
	c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return c, nil
}

type proxyKey struct{}

// ProxyFromContext is the proxy the core chose for a request SendRequest
// sends, or nil to connect directly: http.Transport's Proxy for a Client
// of your own.
func ProxyFromContext(r *http.Request) (*url.URL, error) {
	p, _ := r.Context().Value(proxyKey{}).(*ProxyRoute)
	if p == nil {
		return nil, nil
	}
	return url.Parse(p.URL)
}

// proxyConnectHeader sends the route's credentials on the CONNECT of an
// https:// server.
func proxyConnectHeader(ctx context.Context, _ *url.URL, _ string) (http.Header, error) {
	p, _ := ctx.Value(proxyKey{}).(*ProxyRoute)
	if p == nil || p.Authorization == nil {
		return nil, nil
	}
	return http.Header{"Proxy-Authorization": {*p.Authorization}}, nil
}

// maxAnswerBytes: larger answers are refused by the core; one byte more is
// read so it can say so.
const maxAnswerBytes = 16 * 1024

// SendRequest sends one request the core built and returns the answer, or
// the reason no answer came. Only the signature header is passed on.
func SendRequest(ctx context.Context, client *http.Client, req Request) (*Response, error) {
	if path, ok := strings.CutPrefix(req.URL, "unix:"); ok {
		return readAgent(ctx, path, client.Timeout)
	}
	httpReq, err := http.NewRequestWithContext(ctx, req.Method, req.URL, bytes.NewReader([]byte(req.Body)))
	if err != nil {
		return nil, err
	}
	for _, h := range req.Headers {
		httpReq.Header.Set(h.Key, h.Value)
	}
	if req.Proxy != nil {
		httpReq = httpReq.WithContext(context.WithValue(ctx, proxyKey{}, req.Proxy))
		if req.Proxy.Authorization != nil && strings.HasPrefix(req.URL, "http://") {
			// A plain-HTTP request goes to the proxy as it is.
			httpReq.Header.Set("Proxy-Authorization", *req.Proxy.Authorization)
		}
	}
	resp, err := client.Do(httpReq)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes+1))
	if err != nil {
		return nil, err
	}
	out := &Response{Status: uint16(resp.StatusCode), Body: string(bytes.ToValidUTF8(body, []byte("\uFFFD")))}
	if sig := resp.Header.Get("x-licensewarden-signature"); sig != "" {
		out.Headers = []Detail{{Key: "x-licensewarden-signature", Value: sig}}
	}
	return out, nil
}

func (o *OnlineSettings) client() *http.Client {
	if o.Client != nil {
		return o.Client
	}
	timeout := o.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	// Answers are small: headers over 64 KiB are refused by the transport.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxResponseHeaderBytes = 64 << 10
	// The core chose the route (never the environment as net/http reads it,
	// which also skips every proxy for 127.0.0.1).
	transport.Proxy = ProxyFromContext
	transport.GetProxyConnectHeader = proxyConnectHeader
	return &http.Client{Timeout: timeout, Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// OnlineRequest is the low-level first half of a check: the request the core
// wants sent for action, or nil when nothing is due.
func (l *Licensing) OnlineRequest(action OnlineAction) (*Request, error) {
	var r Result[*Request, Error]
	if e := l.enter("online-request", func(g *exports) (err error) { r, err = g.OnlineRequest(l.ctx, action); return }); e != nil {
		return nil, e
	}
	if r.IsErr {
		return nil, &r.Err
	}
	return r.Ok, nil
}

// ApplyResponse is the second half: the answer as received, or failure when
// none came (connection refused, timeout). The snapshot is recomputed.
func (l *Licensing) ApplyResponse(answer *Response, failure error) (OnlineOutcome, error) {
	var arg Result[Response, string]
	switch {
	case answer != nil:
		arg.Ok = *answer
	case failure != nil:
		arg.IsErr, arg.Err = true, failure.Error()
	default:
		arg.IsErr, arg.Err = true, "no answer"
	}
	return l.settle("apply-response", func(g *exports) (OnlineOutcome, error) { return g.ApplyResponse(l.ctx, arg) })
}

// OfflineRequest is air-gapped activation's first step: the request file's
// text (one JSON line) to carry to the vendor, whose server turns it into
// an activation file (docs/air-gapped.md). Errors as OnlineRequest's.
func (l *Licensing) OfflineRequest() (string, error) {
	var r Result[string, Error]
	if e := l.enter("offline-request", func(g *exports) (err error) { r, err = g.OfflineRequest(l.ctx); return }); e != nil {
		return "", e
	}
	if r.IsErr {
		return "", &r.Err
	}
	return r.Ok, nil
}

// InstallActivation is the second step: install the activation file's
// text. A refused file changes nothing; the outcome's Error names the rule.
func (l *Licensing) InstallActivation(file string) (OnlineOutcome, error) {
	return l.settle("install-activation", func(g *exports) (OnlineOutcome, error) { return g.InstallActivation(l.ctx, file) })
}

// settle runs an export that answers an online outcome, then refreshes the
// cached snapshot and logs the core's events.
func (l *Licensing) settle(name string, f func(*exports) (OnlineOutcome, error)) (OnlineOutcome, error) {
	var out OnlineOutcome
	if e := l.enter(name, func(g *exports) (err error) { out, err = f(g); return }); e != nil {
		return OnlineOutcome{}, e
	}
	l.setCache(out.Snapshot, l.nowMs())
	l.logEvents(out.Snapshot.Status, true)
	return out, nil
}

// check runs one online check. One at a time: a second request would
// replace the outstanding nonce and make the first answer stale.
func (l *Licensing) check(ctx context.Context, action OnlineAction) (*OnlineOutcome, error) {
	l.checkMu.Lock()
	defer l.checkMu.Unlock()
	if l.cfg.Online == nil {
		return nil, configError("online validation is not configured: set Config.Online (server URL and server keys)")
	}
	req, err := l.OnlineRequest(action)
	if err != nil || req == nil {
		return nil, err
	}
	client, failure := l.cfg.Online.clientFor(*req)
	var answer *Response
	if failure == nil {
		answer, failure = SendRequest(ctx, client, *req)
	}
	out, err := l.ApplyResponse(answer, failure)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// awaitingCheck holds the codes that mean "this device holds no answer
// from the license server yet": a check is what settles them, so middleware
// waits for one (at most FirstCheckWait) before denying a request. The same
// codes in every host.
var awaitingCheck = map[Code]bool{CodeNotValidated: true, CodeStateTampered: true}

// FirstCheckWait is how long middleware waits for a first check before
// answering a request.
const FirstCheckWait = 10 * time.Second

// The defaults every host shares (tests/options.json).
const (
	// DefaultReloadInterval is how often the key is looked for again.
	DefaultReloadInterval = 10 * time.Second
	// DefaultTimeout is how long one request to the license server may take.
	DefaultTimeout = 10 * time.Second
)

// Ready returns the snapshot once the first online check after start (or
// after a new key) has been made, or at once when none is needed (offline
// only, no key, an answer already held); it waits until ctx is done at
// most. Serve requests after Ready to skip the short restricted window of a
// fresh install.
func (l *Licensing) Ready(ctx context.Context) Snapshot {
	snap := l.Snapshot()
	if l.cfg.Online == nil || snap.Error == nil || !awaitingCheck[snap.Error.Code] {
		return snap
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		// The check keeps its own request deadline even if ctx ends first.
		_, _ = l.ValidateIfDue(context.WithoutCancel(ctx))
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
	return l.Snapshot()
}

// ValidateIfDue runs a check when one is due (first use, lease over, retry);
// nil outcome when nothing was due.
func (l *Licensing) ValidateIfDue(ctx context.Context) (*OnlineOutcome, error) {
	return l.check(ctx, OnlineActionValidateIfDue)
}

// ValidateNow validates with the license server now (`license info --refresh`).
func (l *Licensing) ValidateNow(ctx context.Context) (*OnlineOutcome, error) {
	return l.check(ctx, OnlineActionValidate)
}

// Activate registers this device with the license.
func (l *Licensing) Activate(ctx context.Context) (*OnlineOutcome, error) {
	return l.check(ctx, OnlineActionActivate)
}

// Deactivate frees this device's slot.
func (l *Licensing) Deactivate(ctx context.Context) (*OnlineOutcome, error) {
	return l.check(ctx, OnlineActionDeactivate)
}

// NextCheckDelay is the time until the core's next boundary (lease end,
// retry, grace end), between 1 s and 60 s (the core's rule).
func (l *Licensing) NextCheckDelay() time.Duration {
	var ms uint32
	if err := l.enter("next-check-delay", func(g *exports) (err error) { ms, err = g.NextCheckDelay(l.ctx); return }); err != nil {
		if f := l.failureAnswers(); f != nil {
			return time.Duration(f.RetryMs) * time.Millisecond
		}
		return time.Minute
	}
	return time.Duration(ms) * time.Millisecond
}

func (l *Licensing) background() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-l.stop
		cancel()
	}()
	for {
		if _, err := l.ValidateIfDue(ctx); errors.Is(err, context.Canceled) {
			return
		}
		select {
		case <-l.stop:
			return
		case <-time.After(l.NextCheckDelay()):
		}
	}
}
