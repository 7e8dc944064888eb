package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsroom/askbot/redact"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// Run connects the bot and answers until ctx is done; then it stops taking
// questions, lets those in flight finish (up to Config.Drain) and returns.
// It serves /healthz and /metrics on Config.Listen, Slack's HTTP requests
// there too when a signing secret is set, and Socket Mode when an app token is.
func (b *Bot) Run(ctx context.Context) error {
	auth, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return fmt.Errorf("slack auth.test: %w", err)
	}
	b.botUserID = auth.UserID
	b.log.Info("connected to Slack", "team", auth.Team, "bot_user", auth.UserID)

	root, cancelRoot := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRoot()
	b.root = root
	b.accepting.Store(true)

	ln, err := net.Listen("tcp", b.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", b.cfg.Listen, err)
	}
	b.addr.Store(ln.Addr().String())
	// Slow or idle clients are cut off, and connections and requests are
	// bounded (see connGuard) so that unsigned junk cannot hold the
	// listener: a connection still sending its headers gives way to a new
	// one, and the probes need no slot.
	refused := b.metrics.Errors.WithLabelValues("connection_refused")
	evicted := b.metrics.Errors.WithLabelValues("connection_evicted")
	guard := newConnGuard(ln, b.cfg.MaxConns+max(0, b.cfg.HealthConns), b.cfg.MaxConns, b.cfg.MaxConnsPerAddr, refused.Inc, evicted.Inc)
	srv := &http.Server{
		Handler:           guard.admit(b.Handler()),
		ConnState:         guard.connState,
		ReadHeaderTimeout: min(b.cfg.BodyTimeout, b.cfg.ReadTimeout),
		ReadTimeout:       b.cfg.ReadTimeout,
		WriteTimeout:      b.cfg.ReadTimeout + 15*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	go srv.Serve(guard)
	close(b.ready)

	errc := make(chan error, 1)
	if b.cfg.AppToken != "" {
		go func() { errc <- b.runSocketMode(ctx) }()
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
		if ctx.Err() == nil && runErr != nil {
			if slackErr, ok := errors.AsType[slack.SlackErrorResponse](runErr); ok && slackErr.Err == "invalid_auth" {
				runErr = fmt.Errorf("socket mode: Slack refused SLACK_APP_TOKEN (invalid_auth): set it to the app-level token (xapp-…) with the connections:write scope: %w", runErr)
			} else {
				runErr = fmt.Errorf("socket mode: %w", runErr)
			}
		} else {
			runErr = nil
		}
	}

	// Shut down: no new questions; finish those in flight, within Drain.
	b.admitting.Lock()
	b.accepting.Store(false)
	b.admitting.Unlock()
	close(b.draining)
	b.log.Info("shutting down: finishing answers in flight", "drain", b.cfg.Drain)
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	drained := make(chan struct{})
	go func() { b.inflight.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(b.cfg.Drain):
		b.log.Warn("answers still in flight at the end of the drain period; cancelling them")
		cancelRoot()
		<-drained
	}
	return runErr
}

// Draining is closed when the bot stops taking new questions.
func (b *Bot) Draining() <-chan struct{} { return b.draining }

// Ready is closed once Run listens; Addr then gives the HTTP address.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Addr is the address the HTTP listener is bound to.
func (b *Bot) Addr() string {
	s, _ := b.addr.Load().(string)
	return s
}

// notReady says why the bot cannot take questions now, or "".
func (b *Bot) notReady() string {
	switch {
	case !b.engine.Ready():
		return "index not loaded"
	case !b.accepting.Load():
		select {
		case <-b.draining:
			return "shutting down"
		default:
			return "starting"
		}
	case b.cfg.AppToken != "" && !b.socketUp.Load():
		return "Socket Mode not connected"
	}
	return ""
}

// runSocketMode receives events over Socket Mode, acknowledging each at once.
func (b *Bot) runSocketMode(ctx context.Context) error {
	client := socketmode.New(b.api, socketmode.OptionLog(slogOutput{b.log}))
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case evt, ok := <-client.Events:
				if !ok {
					return
				}
				b.onSocketEvent(client, evt)
			}
		}
	}()
	return client.RunContext(ctx)
}

func (b *Bot) onSocketEvent(client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		client.Ack(*evt.Request)
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return
		}
		id := ""
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
			id = cb.EventID
		}
		if evt.Request.RetryAttempt > 0 {
			b.log.Info("Slack retried an event", "event_id", id, "attempt", evt.Request.RetryAttempt, "reason", evt.Request.RetryReason)
		}
		b.handleEvent(id, ev)
	case socketmode.EventTypeSlashCommand:
		client.Ack(*evt.Request)
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			b.handleSlash(cmd)
		}
	case socketmode.EventTypeInteractive:
		client.Ack(*evt.Request)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			b.handleInteraction(cb)
		}
	case socketmode.EventTypeConnected:
		b.socketUp.Store(true)
		b.log.Info("socket mode connected")
	case socketmode.EventTypeConnecting, socketmode.EventTypeDisconnect:
		b.socketUp.Store(false)
	case socketmode.EventTypeConnectionError:
		b.socketUp.Store(false)
		if ce, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			b.log.Warn("socket mode connection error; retrying", "attempt", ce.Attempt, "next_retry_in", ce.Backoff, "error", ce.ErrorObj)
		} else {
			b.log.Warn("socket mode connection error; retrying")
		}
	case socketmode.EventTypeInvalidAuth:
		b.socketUp.Store(false)
		b.log.Error("socket mode: Slack refused the app-level token: check SLACK_APP_TOKEN (xapp-…, with the connections:write scope)")
	}
}

// slogOutput lets slack-go's Socket Mode client log through slog at debug level.
type slogOutput struct{ log *slog.Logger }

// Output implements slack-go's logger.
func (s slogOutput) Output(_ int, msg string) error {
	s.log.Debug(strings.TrimSpace(msg), "from", "socketmode")
	return nil
}

// Handler serves /healthz and /metrics, and, with a signing secret,
// Slack's Events API (/slack/events), slash commands (/slack/commands) and
// interactivity (/slack/interactions).
func (b *Bot) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		st, err := b.engine.Describe(r.Context())
		if err != nil {
			http.Error(w, "index not available: "+redact.Error(err).Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, "ok: %d documents, version %s\n", st.Documents, st.Version)
	})
	// Readiness, unlike liveness, is false while the bot cannot take
	// questions: before the index is open, while Socket Mode is (re)connecting,
	// and once shutdown has begun. A load balancer or orchestrator routes
	// by it; /healthz says only that the process is alive.
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if why := b.notReady(); why != "" {
			http.Error(w, "not ready: "+why, http.StatusServiceUnavailable)
			return
		}
		// A store (Weaviate) must answer too, within a probe's patience.
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := b.engine.StoreReady(ctx); err != nil {
			b.log.Warn("not ready: the document store does not answer", "error", err)
			http.Error(w, "not ready: the document store does not answer", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(b.registry, promhttp.HandlerOpts{}))
	if b.cfg.SigningSecret != "" {
		mux.HandleFunc("POST /slack/events", b.verified(b.serveEvents))
		mux.HandleFunc("POST /slack/commands", b.verified(b.serveCommand))
		mux.HandleFunc("POST /slack/interactions", b.verified(b.serveInteraction))
	}
	return mux
}

// maxBody is the largest request body accepted; Slack's are a few KB.
const maxBody = 1 << 20

// verified checks Slack's request signature before next sees the body: a
// missing, wrong or stale signature gets 401 and no work is done.
func (b *Bot) verified(next func(http.ResponseWriter, *http.Request, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Slack's bodies are a few KB: one sent slowly is cut off after
		// BodyTimeout (or what is left of ReadTimeout, if sooner).
		rc := http.NewResponseController(w)
		rc.SetReadDeadline(time.Now().Add(min(b.cfg.BodyTimeout, b.cfg.ReadTimeout)))
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			// The deadline stays passed: the server does not wait for the
			// rest of the body before closing the connection.
			w.Header().Set("Connection", "close")
			http.Error(w, "request body too slow", http.StatusRequestTimeout)
			return
		}
		rc.SetReadDeadline(time.Now().Add(b.cfg.ReadTimeout))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
		if err == nil {
			sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			b.log.Warn("rejected a request with a bad signature", "path", r.URL.Path, "error", err)
			b.metrics.Errors.WithLabelValues("signature").Inc()
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	}
}

func (b *Bot) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "cannot parse event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var v slackevents.ChallengeResponse
		json.Unmarshal(body, &v)
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(v.Challenge))
	case slackevents.CallbackEvent:
		w.WriteHeader(http.StatusOK) // acknowledge at once; answer in the background
		id := ""
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
			id = cb.EventID
		}
		if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
			b.log.Info("Slack retried an event", "event_id", id, "attempt", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
		}
		b.handleEvent(id, ev)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func (b *Bot) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "cannot parse command", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	b.handleSlash(cmd)
}

func (b *Bot) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "cannot parse form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "cannot parse payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	b.handleInteraction(cb)
}
