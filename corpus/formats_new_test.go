package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

func TestDOCX(t *testing.T) {
	res, err := LoadFS(t.Context(), fstest.MapFS{"memo.docx": {Data: testdocs.DOCX(t)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Documents[0]
	if d.Title != "Harbour budget" || d.Byline != "Jane Doe" {
		t.Errorf("title %q, byline %q", d.Title, d.Byline)
	}
	for _, want := range []string{
		"The council approved the harbour budget of 12 million euros on Monday.",
		"Item: Dredging; Cost: 4 million", "The mayor said the vote was close.", "Figures from the council minutes.",
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	if strings.Contains(d.Text, "9 million") {
		t.Error("deleted text (a tracked deletion) is in the document")
	}
	// Paragraphs are byte ranges of the text, one per Word paragraph or row.
	if got := d.Paragraph(2); got != "The council approved the harbour budget of 12 million euros on Monday." {
		t.Errorf("paragraph 2 = %q", got)
	}
	if _, err := LoadFS(t.Context(), fstest.MapFS{"bad.docx": {Data: []byte("PK not really a zip")}}, Options{}); err == nil {
		t.Error("a broken docx loaded")
	}
}

func TestEmail(t *testing.T) {
	res, err := LoadFS(t.Context(), fstest.MapFS{"tip.eml": {Data: []byte(testdocs.Email)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("%d documents, want the message and its attachment: %+v", len(res.Documents), res.Skipped)
	}
	m, a := res.Documents[0], res.Documents[1]
	if m.Title != "Harbour reopens — statement" || m.Source != "Port Authority Press" || m.Published != "2023-10-02T07:30:00Z" {
		t.Errorf("message metadata: %q %q %q", m.Title, m.Source, m.Published)
	}
	if !strings.Contains(m.Text, "reopens to shipping on Tuesday after the dredging work ended.") {
		t.Errorf("text:\n%s", m.Text)
	}
	if strings.Contains(m.Text, "When does the harbour reopen") || strings.Contains(m.Text, "wrote:") || strings.Contains(m.Text, "HTML version") {
		t.Errorf("quoted reply or the HTML alternative in the text:\n%s", m.Text)
	}
	if a.ID != "tip.eml#schedule.txt" || !strings.Contains(a.Text, "The first ferry leaves at six in the morning.") || !strings.Contains(a.Title, "Harbour reopens") {
		t.Errorf("attachment %q %q:\n%s", a.ID, a.Title, a.Text)
	}
	mbox := "From press@port.example Mon Oct  2 09:30:00 2023\n" + strings.ReplaceAll(testdocs.Email, "\r\n", "\n") +
		"\nFrom other@example.org Tue Oct  3 10:00:00 2023\nFrom: Other <other@example.org>\nSubject: Second\n\nA second message body.\n"
	res, err = LoadFS(t.Context(), fstest.MapFS{"box.mbox": {Data: []byte(mbox)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range res.Documents {
		titles = append(titles, d.ID+"="+d.Title)
	}
	if got := strings.Join(titles, "; "); !strings.Contains(got, "box.mbox#1=Harbour reopens") || !strings.Contains(got, "box.mbox#2=Second") {
		t.Errorf("mbox documents: %s", got)
	}
}

func TestLoadReadsOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "A\n\nThe first file says one thing.")
	write(t, filepath.Join(dir, "b.txt"), "B\n\nThe second file says another.")
	write(t, filepath.Join(dir, "c.txt"), "C\n\nThe third file is withdrawn later.")
	first, err := Load(t.Context(), dir, Options{})
	if err != nil || first.Reread != 3 {
		t.Fatalf("first load: %v, read %d", err, first.Reread)
	}
	write(t, filepath.Join(dir, "b.txt"), "B\n\nThe second file now says something else entirely.")
	write(t, filepath.Join(dir, "c.txt.meta.yaml"), "withdrawn: true\n")
	second, err := Load(t.Context(), dir, Options{Previous: first})
	if err != nil {
		t.Fatal(err)
	}
	if second.Reread != 2 {
		t.Errorf("read %d files again, want 2 (the edited one and the one with a new sidecar)", second.Reread)
	}
	byID := map[string]*Document{}
	for _, d := range second.Documents {
		byID[d.ID] = d
	}
	if byID["a.txt"] != first.Documents[0] {
		t.Error("the unchanged file was read again")
	}
	if !strings.Contains(byID["b.txt"].Text, "something else") || !byID["c.txt"].Withdrawn {
		t.Errorf("changes not picked up: %q, withdrawn %v", byID["b.txt"].Text, byID["c.txt"].Withdrawn)
	}
}

func TestEmailInLatin1(t *testing.T) {
	msg := "From: =?ISO-8859-1?Q?Ren=E9_M=FCller?= <rene@example.org>\r\nSubject: Caf\xe9 closes\r\nDate: Tue, 3 Oct 2023 10:00:00 +0000\r\n" +
		"Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nThe caf\xe9 on the quay closes for good on Friday, the owner said.\r\n"
	res, err := LoadFS(t.Context(), fstest.MapFS{"cafe.eml": {Data: []byte(msg)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Documents[0]
	if !strings.Contains(d.Text, "The café on the quay closes for good on Friday") || d.Source != "René Müller" {
		t.Errorf("text %q, source %q", d.Text, d.Source)
	}
}

// An mbox line longer than 32 MiB (a larger MaxFileBytes allows it) no
// longer ends the archive there: the messages after it are kept.
func TestMboxLongLineKeepsLaterMessages(t *testing.T) {
	long := strings.Repeat("x", DefaultMaxFileBytes+1)
	data := "From a\nSubject: One\n\nFirst.\nFrom b\nSubject: Two\n\n" + long + "\r\nFrom c\nSubject: Three\n\nThird.\n"
	var subjects []string
	for _, m := range splitMbox([]byte(data)) {
		first, _, _ := strings.Cut(string(m), "\n")
		subjects = append(subjects, first)
	}
	if got := strings.Join(subjects, ", "); got != "Subject: One, Subject: Two, Subject: Three" {
		t.Errorf("messages %s", got)
	}
}

// rewriteKeepingTimes rewrites path with content of the same size and
// restores its modification time, as the red team did. Should the
// system's clock for status changes not have ticked since the file was
// last changed (it ticks every few milliseconds), it waits for it, so that
// the edit is one the status change time can show.
func rewriteKeepingTimes(t testing.TB, path, content string) {
	t.Helper()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(content)) != before.Size() {
		t.Fatalf("%s: the rewrite changes the size", path)
	}
	for deadline := time.Now().Add(time.Second); ; {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
			t.Fatal(err)
		}
		after, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
			t.Fatalf("%s: size or time not restored", path)
		}
		if stamp(after) != stamp(before) || stamp(after) == "" || time.Now().After(deadline) {
			return
		}
		time.Sleep(time.Millisecond) // the clock's next tick, not a synchronisation
	}
}

// A withdrawal written over "withdrawn: no" with the same size, the
// modification time restored, is noticed by the fingerprint and by a
// load that reads only changed files, in front matter and in a sidecar.
func TestSameSizeSameTimeEditIsNoticed(t *testing.T) {
	for _, tt := range []struct{ file, before, after string }{
		{"story.md", "---\nwithdrawn: no\n---\nThe council met on Tuesday.\n", "---\nwithdrawn: on\n---\nThe council met on Tuesday.\n"},
		{"story.txt.meta.yaml", "withdrawn: no\n", "withdrawn: on\n"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "story.txt"), "Story\n\nThe council met on Tuesday.\n")
			write(t, filepath.Join(dir, tt.file), tt.before)
			old := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
			for _, f := range []string{"story.txt", tt.file} {
				if err := os.Chtimes(filepath.Join(dir, f), old, old); err != nil {
					t.Fatal(err)
				}
			}
			first, err := Load(t.Context(), dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			fp, err := Fingerprint(dir)
			if err != nil {
				t.Fatal(err)
			}
			rewriteKeepingTimes(t, filepath.Join(dir, tt.file), tt.after)
			if now, _ := Fingerprint(dir); now == fp {
				t.Error("the fingerprint did not change")
			}
			second, err := Load(t.Context(), dir, Options{Previous: first})
			if err != nil {
				t.Fatal(err)
			}
			id := strings.TrimSuffix(tt.file, sidecarSuffix)
			if d := byID(second)[id]; d == nil || !d.Withdrawn {
				t.Errorf("%s: the withdrawal was not picked up (read %d files again)", id, second.Reread)
			}
		})
	}
}
