package slackbot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/library"
)

// runReload re-reads the corpus, reporting progress by updating one
// message, and ends with what changed. Questions asked meanwhile are
// answered from the old index; a failed reload keeps it. Only one reload
// runs at a time.
func (b *Bot) runReload(ctx context.Context, channel, thread string) {
	if !b.reloading.TryLock() {
		b.waitingMu.Lock()
		b.waiting = append(b.waiting, place{channel, thread})
		b.waitingMu.Unlock()
		b.post(ctx, channel, thread, "A reload is already running; I'll post its result here when it finishes.")
		return
	}
	msg := b.post(ctx, channel, thread, ":arrows_counterclockwise: Reloading the corpus…")
	var mu sync.Mutex
	last := time.Time{}
	progress := func(line string) {
		mu.Lock()
		defer mu.Unlock()
		if msg == "" || time.Since(last) < b.cfg.UpdateEvery {
			return
		}
		last = time.Now()
		b.update(ctx, channel, msg, ":arrows_counterclockwise: Reloading the corpus… "+escape(line), nil)
	}
	rep, err := b.reload(ctx, progress)
	b.waitingMu.Lock()
	waiting := b.waiting
	b.waiting = nil
	b.waitingMu.Unlock()
	b.reloading.Unlock() // the index is swapped (or kept): another reload may start
	mu.Lock()
	defer mu.Unlock()
	// text is the result as told in channel: a failure counts only the
	// documents that channel may search.
	var text func(channel string) string
	if err != nil {
		b.metrics.Reloads.WithLabelValues("failed").Inc()
		b.log.Error("reload failed", "error", err)
		text = func(channel string) string {
			st, _ := b.engine.Scope(ctx, b.request(ctx, "", channel, ""))
			return fmt.Sprintf(":x: Reload failed: %s\nStill answering from the previous index (%d documents, version %s).", escape(truncate(err.Error(), 500)), st.Documents, st.Version)
		}
	} else {
		b.metrics.Reloads.WithLabelValues("ok").Inc()
		b.log.Info("reloaded", "documents", rep.Documents, "added", len(rep.Changes.Added), "changed", len(rep.Changes.Changed), "removed", len(rep.Changes.Removed), "skipped", len(rep.Skipped), "took", rep.Took)
		summary := reloadSummary(rep)
		text = func(string) string { return summary }
	}
	if msg == "" || !b.update(ctx, channel, msg, text(channel), nil) {
		b.post(ctx, channel, thread, text(channel))
	}
	for _, w := range waiting {
		b.post(ctx, w.channel, w.thread, text(w.channel))
	}
}

// place is a channel and thread a reply goes to.
type place struct{ channel, thread string }

// reloadSummary tells an admin what a reload changed.
func reloadSummary(rep *library.Report) string {
	var b strings.Builder
	if rep.NotSaved != nil {
		fmt.Fprintf(&b, ":warning: Reloaded in %.1fs: %d documents, %d passages, but the index could not be saved (%s): it serves from memory and a restart rebuilds it.\n",
			rep.Took.Seconds(), rep.Documents, rep.Chunks, escape(truncate(rep.NotSaved.Error(), 300)))
	} else {
		fmt.Fprintf(&b, ":white_check_mark: Reloaded in %.1fs: %d documents, %d passages.\n", rep.Took.Seconds(), rep.Documents, rep.Chunks)
	}
	list := func(name string, ids []string) {
		fmt.Fprintf(&b, "%s: %d", name, len(ids))
		if len(ids) > 0 {
			var shown []string
			for _, id := range ids[:min(len(ids), 10)] {
				shown = append(shown, corpus.DisplayName(id))
			}
			fmt.Fprintf(&b, " (%s", escape(strings.Join(shown, ", ")))
			if len(ids) > len(shown) {
				fmt.Fprintf(&b, ", and %d more", len(ids)-len(shown))
			}
			b.WriteString(")")
		}
		b.WriteString("\n")
	}
	list("Added", rep.Changes.Added)
	list("Changed", rep.Changes.Changed)
	list("Removed", rep.Changes.Removed)
	fmt.Fprintf(&b, "Skipped: %d\n", len(rep.Skipped))
	if rep.Withdrawn > 0 {
		fmt.Fprintf(&b, "Withdrawn (never cited): %d\n", rep.Withdrawn)
	}
	for i, s := range rep.Skipped {
		if i == 10 {
			fmt.Fprintf(&b, "… and %d more\n", len(rep.Skipped)-10)
			break
		}
		fmt.Fprintf(&b, "• %s\n", escape(s.String()))
	}
	return truncate(b.String(), 3900)
}

// uploadFormats are the file types an admin may add to the corpus.
var uploadFormats = []string{".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".eml"}

// onUpload stores files an admin sent in a direct message into the corpus
// directory, then reloads.
func (b *Bot) onUpload(ctx context.Context, user, channel, thread string, files []slack.File) {
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	rec := audit.Record{User: user, Channel: channel, Via: "upload", Question: strings.Join(names, ", "), Kind: "upload"}
	switch {
	case !b.isAdmin(user):
		rec.Outcome = "refused: not an admin"
		b.audit(ctx, rec)
		b.post(ctx, channel, thread, "Sorry, only the bot's admins can add files to the corpus.")
		return
	case b.cfg.CorpusDir == "":
		rec.Outcome = "refused: no corpus directory"
		b.audit(ctx, rec)
		b.post(ctx, channel, thread, "Uploads need a corpus directory: start the bot with BOT_CORPUS set to a directory.")
		return
	}
	var stored, refused []string
	for _, f := range files {
		name, err := b.download(ctx, f)
		if err != nil {
			b.log.Warn("upload refused", "file", f.Name, "error", err)
			refused = append(refused, fmt.Sprintf("%s (%s)", f.Name, err))
			continue
		}
		stored = append(stored, name)
	}
	rec.Outcome = fmt.Sprintf("%d saved, %d refused", len(stored), len(refused))
	b.audit(ctx, rec)
	if len(refused) > 0 {
		b.post(ctx, channel, thread, escape("Not added: "+strings.Join(refused, "; ")))
	}
	if len(stored) == 0 {
		return
	}
	b.post(ctx, channel, thread, escape("Saved "+strings.Join(stored, ", ")+" to the corpus; reloading."))
	b.runReload(ctx, channel, thread)
}

// limitWriter writes at most left bytes to w, then fails.
type limitWriter struct {
	w    io.Writer
	left int64
	over bool
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		l.over = true
		return 0, errors.New("file over the size limit")
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

// download fetches one file with the bot token and writes it atomically
// into the corpus directory, returning its name there.
func (b *Bot) download(ctx context.Context, f slack.File) (string, error) {
	info, _, _, err := b.api.GetFileInfoContext(ctx, f.ID, 0, 0)
	if err != nil {
		return "", fmt.Errorf("files.info: %w", err)
	}
	name := filepath.Base(strings.ReplaceAll(info.Name, "\\", "/"))
	ext := strings.ToLower(filepath.Ext(name))
	if name == "." || name == "/" || strings.HasPrefix(name, ".") || !slices.Contains(uploadFormats, ext) {
		return "", fmt.Errorf("only %s files can be added", strings.Join(uploadFormats, ", "))
	}
	if info.Size > corpus.DefaultMaxFileBytes {
		return "", fmt.Errorf("larger than %d MB", corpus.DefaultMaxFileBytes>>20)
	}
	url := info.URLPrivateDownload
	if url == "" {
		url = info.URLPrivate
	}
	// Streamed to a temporary file through the size limit: a file larger
	// than announced is cut off, never held in memory.
	tmp, err := os.CreateTemp(b.cfg.CorpusDir, ".upload-*"+ext)
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	defer os.Remove(tmp.Name())
	lw := &limitWriter{w: tmp, left: corpus.DefaultMaxFileBytes}
	if err := b.api.GetFileContext(ctx, url, lw); err != nil {
		tmp.Close()
		if lw.over {
			return "", fmt.Errorf("larger than %d MB", corpus.DefaultMaxFileBytes>>20)
		}
		return "", fmt.Errorf("download: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	// Refused now if the loader would skip it at every later reload:
	// binary, not UTF-8, empty, a PDF without text.
	if _, err := corpus.LoadFile(ctx, tmp.Name(), corpus.Options{}); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(b.cfg.CorpusDir, name)); err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	return name, nil
}
