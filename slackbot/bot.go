// Package slackbot is the bot as reporters meet it in Slack: mentions, direct
// messages and /ask, answered in threads with cited passages; admin reloads
// and uploads; over Socket Mode or the Events API. It adapts Slack to the
// answering core in package answer and renders answers as Block Kit.
package slackbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
)

// Config configures the bot.
type Config struct {
	BotToken      string // xoxb-…
	AppToken      string // xapp-…: Socket Mode when set
	SigningSecret string // Events API, slash commands and interactivity over HTTP when set
	// APIURL is the Slack Web API base ("" for Slack's own), for tests,
	// proxies and Enterprise Grid.
	APIURL string
	// Listen is the HTTP address for /healthz, /metrics and, with a signing
	// secret, Slack's requests (default ":3000").
	Listen string
	// Admins may reload the corpus and upload files; Channels, when set,
	// are the only channels the bot answers in.
	Admins, Channels []string
	// MaxConcurrent bounds the answers in flight (default 4).
	MaxConcurrent int
	// UserRate is the questions one user may ask per minute (default 10).
	UserRate int
	// Drain is how long shutdown waits for answers in flight (default 30s).
	Drain time.Duration
	// UpdateEvery is the least time between two updates of a streaming
	// answer (default 1.5s; Slack allows about one chat.update per second).
	UpdateEvery time.Duration
	// CorpusDir is where admins' uploaded files are stored; "" disables uploads.
	CorpusDir string
	// Model names the model in use, for status; "" when answers are extractive.
	Model string
	// Scope, when set, says what a question asked in channel by user may
	// see: the asker, which names the collections it may search in the
	// collection settings of the corpus version each search pins (nil
	// names: everything; "" standing for the documents outside every
	// collection: see answer.Request.Asker), and a description for
	// status. dm is true only when channel is user's own direct-message
	// conversation with the bot (not any channel ID starting with D).
	Scope func(channel, user string, dm bool) (asker retrieval.Asker, describe string)
	// Audit, when set, records every answer: who asked what, where, and
	// what was cited.
	Audit *audit.Log
	// AutoStatus, when set, describes the last automatic reload for status.
	AutoStatus func() string
	// SaveError, when set, says why the index being served could not be
	// saved (nil when it was): status shows it until a save succeeds.
	SaveError func() error
	// MaxQueue bounds the questions taken and not yet answered, those
	// being answered included (default 25×MaxConcurrent); beyond it the
	// asker is told the bot is busy.
	MaxQueue int
	// ReadTimeout bounds reading one HTTP request, body included (default
	// 15s): a client sending its body slowly is cut off. MaxConns bounds the
	// HTTP requests in progress at once, the probes (/healthz, /readyz)
	// aside (default 256); beyond it a request is answered 503.
	ReadTimeout time.Duration
	MaxConns    int
	// BodyTimeout bounds reading a request's headers, and a Slack
	// request's body once its headers are in (default 5s; Slack's are a
	// few KB).
	BodyTimeout time.Duration
	// MaxConnsPerAddr bounds the requests of MaxConns one client
	// address may have in progress (default MaxConns/4; negative: no bound).
	MaxConnsPerAddr int
	// HealthConns are the connections allowed beyond MaxConns (default 8;
	// negative: none), so that probes and refusals get a connection while
	// MaxConns requests are in progress. When all MaxConns+HealthConns are
	// open, a new connection closes the one that has waited longest for
	// its request's headers: slow or silent clients never keep a probe out.
	HealthConns int
}

func (c *Config) defaults() {
	if c.Listen == "" {
		c.Listen = ":3000"
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 4
	}
	if c.UserRate == 0 {
		c.UserRate = 10
	}
	if c.Drain <= 0 {
		c.Drain = 30 * time.Second
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = 25 * c.MaxConcurrent
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 15 * time.Second
	}
	if c.MaxConns <= 0 {
		c.MaxConns = 256
	}
	if c.BodyTimeout <= 0 {
		c.BodyTimeout = 5 * time.Second
	}
	if c.MaxConnsPerAddr == 0 {
		c.MaxConnsPerAddr = max(1, c.MaxConns/4)
	}
	if c.HealthConns == 0 {
		c.HealthConns = 8
	}
	if c.UpdateEvery <= 0 {
		c.UpdateEvery = 1500 * time.Millisecond
	}
}

// Reloader re-reads the corpus and publishes what changed to the
// engine's searcher (library.Library.Reload); on failure the old corpus
// keeps serving. progress receives short status lines.
type Reloader func(ctx context.Context, progress func(string)) (*library.Report, error)

// Bot answers questions in Slack.
type Bot struct {
	cfg     Config
	api     *slack.Client
	engine  *answer.Engine
	reload  Reloader
	log     *slog.Logger
	metrics *Metrics

	botUserID string
	dms       dmCache
	started   time.Time
	seen      *dedupe
	limiter   *userLimiter
	slots     chan struct{}
	reloading sync.Mutex
	// socketUp is true while Socket Mode is connected.
	socketUp atomic.Bool
	// queued counts questions taken and not yet answered (waiting for a
	// slot or being answered).
	queued atomic.Int64
	// waiting are the places that asked for a reload while one ran: they
	// get its result too.
	waitingMu sync.Mutex
	waiting   []place

	root      context.Context // questions outlive the event that brought them
	accepting atomic.Bool
	// admitting orders goHandle's inflight.Add before shutdown's Wait: a
	// WaitGroup's Add from zero must not race its Wait.
	admitting sync.RWMutex
	inflight  sync.WaitGroup

	answersMu sync.Mutex
	answers   map[string]*savedAnswer
	order     []string

	registry *prometheus.Registry
	ready    chan struct{}
	draining chan struct{}
	addr     atomic.Value
}

// New returns a bot; Run connects it. Its metrics are served on /metrics.
func New(cfg Config, engine *answer.Engine, reload Reloader, log *slog.Logger) (*Bot, error) {
	// The tokens' form is checked by config.ValidateSlack; here only
	// what the bot cannot run without.
	if cfg.BotToken == "" || cfg.AppToken == "" && cfg.SigningSecret == "" {
		return nil, errors.New("slackbot: a bot token and an app token or signing secret are needed")
	}
	cfg.defaults()
	opts := []slack.Option{}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(strings.TrimRight(cfg.APIURL, "/")+"/"))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	b := &Bot{
		cfg: cfg, api: slack.New(cfg.BotToken, opts...), engine: engine, reload: reload, log: log, metrics: NewMetrics(reg),
		registry: reg, ready: make(chan struct{}), draining: make(chan struct{}),
		started: time.Now(), seen: newDedupe(time.Hour), limiter: newUserLimiter(cfg.UserRate, time.Minute),
		slots: make(chan struct{}, cfg.MaxConcurrent), answers: map[string]*savedAnswer{}, root: context.Background(),
	}
	return b, nil
}

// goHandle runs work in the background for an event already acknowledged,
// unless the bot is shutting down. It reports whether the work was taken.
func (b *Bot) goHandle(work func(ctx context.Context)) bool {
	b.admitting.RLock()
	if !b.accepting.Load() {
		b.admitting.RUnlock()
		return false
	}
	b.inflight.Add(1)
	b.admitting.RUnlock()
	go func() {
		defer b.inflight.Done()
		defer func() {
			if r := recover(); r != nil {
				b.log.Error("panic while answering", "panic", r)
				b.metrics.Errors.WithLabelValues("panic").Inc()
			}
		}()
		work(b.root)
	}()
	return true
}

// handleEvent dispatches an Events API event (from Socket Mode or HTTP)
// that has been acknowledged. Retries of an event already taken are dropped.
func (b *Bot) handleEvent(eventID string, ev slackevents.EventsAPIEvent) {
	if !b.seen.first(eventID) {
		b.log.Info("dropped a retried event", "event_id", eventID)
		return
	}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if inner.BotID != "" || inner.User == "" || inner.User == b.botUserID {
			return
		}
		b.goHandle(func(ctx context.Context) { b.onMention(ctx, inner) })
	case *slackevents.MessageEvent:
		if inner.ChannelType != "im" || inner.BotID != "" || inner.User == "" || inner.User == b.botUserID {
			return
		}
		if inner.SubType != "" && inner.SubType != "file_share" {
			return // edits, deletions, joins…
		}
		// Slack sends message.im for the bot's own IMs: this channel is
		// the user's DM with the bot.
		b.dms.remember(inner.User, inner.Channel)
		b.goHandle(func(ctx context.Context) { b.onDirectMessage(ctx, inner) })
	}
}

var mentionRE = regexp.MustCompile(`<@[UW][A-Z0-9]+(\|[^>]*)?>`)

// stripMentions removes user mentions and tidies space.
func stripMentions(text string) string {
	return strings.Join(strings.Fields(mentionRE.ReplaceAllString(text, " ")), " ")
}

// unescapeSlack turns Slack's escaped text back into what the user typed.
func unescapeSlack(text string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(text)
}

func (b *Bot) onMention(ctx context.Context, ev *slackevents.AppMentionEvent) {
	text := unescapeSlack(stripMentions(ev.Text))
	thread := ev.ThreadTimeStamp
	if thread == "" {
		thread = ev.TimeStamp
	}
	if b.command(ctx, "mention", ev.User, ev.Channel, thread, text) {
		return
	}
	if len(b.cfg.Channels) > 0 && !slices.Contains(b.cfg.Channels, ev.Channel) {
		where := make([]string, len(b.cfg.Channels))
		for i, c := range b.cfg.Channels {
			where[i] = "<#" + c + ">"
		}
		b.post(ctx, ev.Channel, thread, "I answer questions in "+strings.Join(where, ", ")+", or in a direct message.")
		return
	}
	var history []answer.Turn
	if ev.ThreadTimeStamp != "" {
		history = b.threadHistory(ctx, ev.Channel, ev.ThreadTimeStamp, ev.TimeStamp)
	}
	b.answerInThread(ctx, question{user: ev.User, channel: ev.Channel, thread: thread, ts: ev.TimeStamp, text: text, via: "mention", history: history})
}

func (b *Bot) onDirectMessage(ctx context.Context, ev *slackevents.MessageEvent) {
	if ev.Message != nil && len(ev.Message.Files) > 0 {
		b.onUpload(ctx, ev.User, ev.Channel, ev.ThreadTimeStamp, ev.Message.Files)
		return
	}
	text := unescapeSlack(stripMentions(ev.Text))
	if b.command(ctx, "dm", ev.User, ev.Channel, ev.ThreadTimeStamp, text) {
		return
	}
	var history []answer.Turn
	if ev.ThreadTimeStamp != "" {
		history = b.threadHistory(ctx, ev.Channel, ev.ThreadTimeStamp, ev.TimeStamp)
	}
	b.answerInThread(ctx, question{user: ev.User, channel: ev.Channel, thread: ev.ThreadTimeStamp, ts: ev.TimeStamp, text: text, via: "dm", history: history})
}

// question is one question to answer in a conversation.
type question struct {
	user, channel, thread, ts, text, via string
	history                              []answer.Turn
}

// command runs an admin or help command and reports whether text was one.
func (b *Bot) command(ctx context.Context, via, user, channel, thread, text string) bool {
	cmd := strings.ToLower(strings.Trim(text, " .!?"))
	rec := audit.Record{User: user, Channel: channel, Via: via, Question: text, Kind: "command", Outcome: cmd}
	switch cmd {
	case "reload":
		if !b.isAdmin(user) {
			rec.Outcome = "reload refused: not an admin"
			b.audit(ctx, rec)
			b.post(ctx, channel, thread, "Sorry, only the bot's admins can reload the corpus.")
			return true
		}
		b.audit(ctx, rec)
		b.runReload(ctx, channel, thread)
		return true
	case "status":
		b.audit(ctx, rec)
		b.post(ctx, channel, thread, b.status(ctx, channel, user))
		return true
	case "help", "":
		rec.Outcome = "help"
		b.audit(ctx, rec)
		b.post(ctx, channel, thread, "Ask me a question about the newsroom's documents and I will answer with the passages it rests on. Ask for `timeline of …` (or `what's happened with … so far`) for a story's events, oldest first, and `what did NAME say (about …)` for someone's quotations; `/check` checks a claim and `/quotes NAME` lists quotations, to you alone. Admins can also say `reload` or send me a file (txt, md, html, pdf, docx, eml) to add to the corpus; anyone can say `status`.")
		return true
	}
	return false
}

func (b *Bot) isAdmin(user string) bool { return user != "" && slices.Contains(b.cfg.Admins, user) }

// scope is what a question asked in channel by user may see.
func (b *Bot) scope(ctx context.Context, channel, user string) (asker retrieval.Asker, describe string) {
	if b.cfg.Scope == nil {
		return nil, "all documents"
	}
	return b.cfg.Scope(channel, user, b.isOwnDM(ctx, channel, user))
}

// failureText is what the asker is told when no answer could be made.
func failureText(err error) string {
	if errors.Is(err, retrieval.ErrStoreUnavailable) {
		return "Sorry, the newsroom's document store cannot be reached right now, so I cannot search the documents. Please try again in a few minutes."
	}
	return "Sorry, something went wrong while answering. Please try again."
}

// request is a question asked in channel by user, scoped to what they
// may see.
func (b *Bot) request(ctx context.Context, text, channel, user string) answer.Request {
	asker, _ := b.scope(ctx, channel, user)
	return answer.Request{Question: text, Asker: asker}
}

// status describes the corpus, the index and the bot, and what the place
// asking may search.
func (b *Bot) status(ctx context.Context, channel, user string) string {
	st, err := b.engine.Scope(ctx, b.request(ctx, "", channel, user))
	if err != nil {
		return ":warning: The corpus cannot be described now: " + escape(truncate(redact.Error(err).Error(), 300))
	}
	model := b.cfg.Model
	if model == "" {
		model = "none (extractive answers)"
	}
	_, searched := b.scope(ctx, channel, user)
	counts := fmt.Sprintf(" (%d withdrawn, %d under embargo)", st.Withdrawn, st.Embargoed(time.Now()))
	text := fmt.Sprintf("Corpus: %d documents%s, %d passages, indexed %s (version %s).\nSearched here: %s.\nEmbedder: %s. Model: %s.\nUp %s.",
		st.Documents, counts, st.Chunks, st.Built.UTC().Format("2006-01-02 15:04 UTC"), st.Version, escape(searched), escape(st.Embedder), escape(model), time.Since(b.started).Round(time.Second))
	if b.cfg.AutoStatus != nil {
		if line := b.cfg.AutoStatus(); line != "" {
			text += "\n" + escape(line)
		}
	}
	if b.cfg.SaveError != nil {
		if err := b.cfg.SaveError(); err != nil {
			text += "\n:warning: The index is not saved (" + escape(truncate(err.Error(), 300)) + "): it serves from memory and a restart rebuilds it."
		}
	}
	return text
}

// footer names the corpus version an answer came from, so it can be reproduced.
func (b *Bot) footer(ctx context.Context, a *answer.Answer, channel, user string) string {
	// The documents counted are those the asker may search, as the answer's.
	st, _ := b.engine.Scope(ctx, b.request(ctx, "", channel, user))
	f := fmt.Sprintf("Corpus: %d documents, indexed %s, version %s · answered in %.1fs", st.Documents, st.Built.UTC().Format("2006-01-02 15:04 UTC"), st.Version, a.Took.Seconds())
	if a.Model != "" {
		f += " · model " + a.Model
	}
	return f
}

// answerInThread answers q with a placeholder that is updated in place:
// streamed text while a model writes, then the checked answer.
func (b *Bot) answerInThread(ctx context.Context, q question) {
	if ok, wait := b.limiter.allow(q.user); !ok {
		b.metrics.RateLimits.Inc()
		b.post(ctx, q.channel, q.thread, fmt.Sprintf("You're asking faster than I can answer: please wait %d seconds and ask again.", int(wait.Seconds())+1))
		return
	}
	// A bounded queue: beyond it, the asker hears at once that the bot is
	// busy instead of waiting behind dozens of questions.
	if b.queued.Add(1) > int64(b.cfg.MaxQueue) {
		b.queued.Add(-1)
		b.metrics.Errors.WithLabelValues("queue_full").Inc()
		b.post(ctx, q.channel, q.thread, "I'm answering many questions right now: please ask again in a minute.")
		return
	}
	defer b.queued.Add(-1)
	// Show at once that the bot is working. The reaction is work in flight
	// too: shutdown waits for it.
	b.inflight.Add(1)
	go func() { defer b.inflight.Done(); b.react(ctx, q.channel, q.ts, "eyes") }()
	placeholder := b.post(ctx, q.channel, q.thread, ":mag: Looking through the documents…")
	// Whatever happens below, the placeholder (or a streamed draft) is never
	// the last word: if shutdown cuts the answer off, it says so.
	finished := false
	defer func() {
		if !finished && placeholder != "" {
			b.finishInterrupted(q.channel, placeholder)
		}
	}()

	select { // bound the answers in flight
	case b.slots <- struct{}{}:
		defer func() { <-b.slots }()
	case <-ctx.Done():
		return
	}
	req := b.request(ctx, q.text, q.channel, q.user)
	req.History = q.history
	stopUpdates := func() {}
	if placeholder != "" && b.engine.Generator != nil {
		d := b.streamDraft(ctx, q.channel, placeholder)
		req.OnDelta, stopUpdates = d.add, d.stop
	}
	a, err := b.ask(ctx, req)
	stopUpdates()
	if ctx.Err() != nil {
		return // cut off by shutdown: the deferred restart note
	}
	if err != nil {
		b.log.Error("answer failed", "error", err, "user", q.user, "via", q.via)
		b.metrics.Errors.WithLabelValues("answer").Inc()
		b.audit(ctx, audit.Record{User: q.user, Channel: q.channel, Via: q.via, Question: q.text, Kind: "error", Outcome: "failed"})
		b.reply(ctx, q.channel, q.thread, placeholder, failureText(err), nil)
		finished = true
		return
	}
	b.observe(q.via, a)
	st := b.save(ctx, q.user, q.channel, a)
	b.record(ctx, q.via, q.user, q.channel, a, st.id)
	b.reply(ctx, q.channel, q.thread, placeholder, plainAnswer(a), answerBlocks(a, view{answerID: st.id, footer: st.footer}))
	finished = true
}

// RestartingText replaces a placeholder or draft whose answer shutdown cut off.
const RestartingText = "The bot is restarting; please ask again."

// finishInterrupted replaces a placeholder or unchecked draft with the
// restart note, on a context of its own: the answer's is cancelled.
func (b *Bot) finishInterrupted(channel, placeholder string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	b.update(ctx, channel, placeholder, RestartingText, nil)
}

// record writes the answer to the audit log, when there is one.
func (b *Bot) record(ctx context.Context, via, user, channel string, a *answer.Answer, id string) {
	b.audit(ctx, audit.Record{User: user, Channel: channel, Via: via, Question: a.Question, AnswerID: id,
		Kind: string(a.Kind), Model: a.Model, FellBack: a.FellBack, FallbackReason: a.FallbackReason, Cited: cited(a.Sources)})
}

// audit writes r to the audit log, when there is one, stamped with the
// time and what its place searches.
func (b *Bot) audit(ctx context.Context, r audit.Record) {
	if b.cfg.Audit == nil {
		return
	}
	r.Time = time.Now().UTC()
	_, r.Searched = b.scope(ctx, r.Channel, r.User)
	if err := b.cfg.Audit.Write(r); err != nil {
		b.log.Error("audit log write failed", "error", err)
		b.metrics.Errors.WithLabelValues("audit").Inc()
	}
}

// cited lists the documents and paragraphs sources cite, for the audit log.
func cited(sources []answer.Source) []audit.Cited {
	c := []audit.Cited{}
	for _, s := range sources {
		c = append(c, audit.Cited{DocID: s.DocID, Paragraph: s.Paragraph})
	}
	return c
}

// observe logs one line per question and records the metrics.
func (b *Bot) observe(via string, a *answer.Answer) {
	b.metrics.Questions.WithLabelValues(via, string(a.Kind)).Inc()
	b.metrics.Latency.WithLabelValues("retrieval").Observe(a.Retrieval.Seconds())
	if a.Generation > 0 {
		b.metrics.Latency.WithLabelValues("model").Observe(a.Generation.Seconds())
	}
	b.metrics.Latency.WithLabelValues("total").Observe(a.Took.Seconds())
	if a.FellBack {
		b.metrics.Fallbacks.Inc()
	}
	b.log.Info("answered", "via", via, "kind", a.Kind, "sources", len(a.Sources), "fell_back", a.FellBack, "fallback_reason", a.FallbackReason, "fallback_error", a.FallbackError, "took", a.Took)
}

// threadHistory reads the earlier questions and the bot's answers in a
// thread (conversations.replies), oldest first, the last three turns at most.
func (b *Bot) threadHistory(ctx context.Context, channel, thread, current string) []answer.Turn {
	var msgs []slack.Message
	err := withBackoff(ctx, func() error {
		var err error
		msgs, _, _, err = b.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: thread, Limit: 100})
		return err
	})
	if err != nil {
		b.log.Warn("could not read the thread", "channel", channel, "error", err)
		b.metrics.Errors.WithLabelValues("conversations.replies").Inc()
		return nil
	}
	var turns []answer.Turn
	pending := ""
	for _, m := range msgs {
		if m.Timestamp == current {
			break
		}
		switch {
		case m.User == b.botUserID || m.BotID != "":
			if pending != "" && !strings.HasPrefix(m.Text, ":mag:") {
				turns = append(turns, answer.Turn{Question: pending, Answer: unescapeSlack(m.Text)})
				pending = ""
			}
		default:
			pending = unescapeSlack(stripMentions(m.Text))
		}
	}
	if len(turns) > 3 {
		turns = turns[len(turns)-3:]
	}
	return turns
}

// Notify posts a one-line note in a channel (the admins' channel, say).
func (b *Bot) Notify(ctx context.Context, channel, text string) {
	b.post(ctx, channel, "", escape(text))
}
