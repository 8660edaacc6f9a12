// Command go-service is a small net/http service gated by licensewarden (the
// Go host, the same core every host runs), with the routes of the other
// examples:
//
//	/health, /ready, /metrics, /license   always open (exempt), even after expiry
//	/api/devices                          any license in force, or community; 503 after expiry
//	/api/query                            needs api_access (403 naming feature and plan)
//	/api/sso                              needs sso
//
// Usage:
//
//	ACME_LICENSE_KEY=lg1.... go-service -public-key public.key [-policy policy.json] [-port 8080]
//	    [-license-server https://license.example.com -server-key server.pub]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	lw "github.com/licensewarden/licensewarden/host/go"
)

// NewApp is the service's handler: every route behind the license gate.
func NewApp(lic *lw.Licensing) http.Handler {
	mux := http.NewServeMux()
	text := func(s string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, s) }
	}
	js := func(v any) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("content-type", "application/json")
			json.NewEncoder(w).Encode(v)
		}
	}
	mux.Handle("GET /health", text("ok"))
	mux.Handle("GET /ready", text("ready"))
	mux.Handle("GET /metrics", lic.MetricsHandler())
	mux.Handle("GET /api/devices", js(map[string]any{"devices": []string{}}))
	mux.Handle("GET /api/query", lic.RequireFeature("api_access")(js(map[string]any{"rows": 0})))
	mux.Handle("GET /api/sso", lic.RequireFeature("sso")(text("sso configured")))
	// /license answers outside the gate: operators must see why a license
	// stopped working precisely when it has.
	top := http.NewServeMux()
	top.HandleFunc("GET /license", func(w http.ResponseWriter, r *http.Request) {
		i := lic.Info()
		js(map[string]any{"plan": i.Plan, "status": i.Status, "days_remaining": i.DaysRemaining})(w, r)
	})
	top.Handle("/", lic.Middleware(mux))
	return top
}

func main() {
	publicKey := flag.String("public-key", "", "the vendor's public.key (from licensewarden keygen)")
	policy := flag.String("policy", "", "product policy JSON file")
	port := flag.Int("port", 0, "port on 127.0.0.1 (0 picks a free one)")
	server := flag.String("license-server", "", "validate online against this license server")
	serverKey := flag.String("server-key", "", "the license server's server.pub")
	flag.Parse()

	cfg := lw.Config{Product: "acme"}
	if *publicKey != "" {
		k, err := lw.TrustedKeyFromFile(*publicKey)
		if err != nil {
			log.Fatalf("-public-key: %v", err)
		}
		cfg.TrustedKeys = append(cfg.TrustedKeys, k)
	}
	if *policy != "" {
		b, err := lw.ReadBounded(*policy, 1<<20)
		if err != nil {
			log.Fatalf("-policy %s: %v", *policy, err)
		}
		cfg.Policy = string(b)
	}
	if *server != "" {
		if *serverKey == "" {
			fmt.Fprintln(os.Stderr, "-license-server needs -server-key FILE (the server's server.pub)")
			os.Exit(2)
		}
		k, err := lw.TrustedKeyFromFile(*serverKey)
		if err != nil {
			log.Fatalf("-server-key: %v", err)
		}
		cfg.Online = &lw.OnlineSettings{ServerURL: *server, ServerKeys: []lw.TrustedKey{k}}
	}
	lic, err := lw.New(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "licensing:", err)
		os.Exit(2)
	}
	defer lic.Close()
	i := lic.Info()
	fmt.Fprintf(os.Stderr, "license: plan %s status %s (key from %s)\n", i.Plan, i.Status, i.KeySource)

	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	// Tests read this line to learn the port.
	fmt.Printf("listening on %s\n", ln.Addr())
	log.Fatal(http.Serve(ln, NewApp(lic)))
}
