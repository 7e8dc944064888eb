package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// sidecarSuffix names the metadata file beside a document of any format:
// "memo.pdf" has "memo.pdf.meta.yaml" (or "memo.meta.yaml"). Its access
// keys apply to every document the file gives: each message of an mbox,
// each attachment of an email, each row of a JSONL archive.
const sidecarSuffix = ".meta.yaml"

// sidecarMaxBytes caps a sidecar: a few lines of YAML in practice.
const sidecarMaxBytes = 1 << 20

// sidecarReads names the keys a sidecar may have, for the warning about
// the others.
const sidecarReads = "embargo, withdrawn, withdrawn_note"

// isSidecar reports whether p names a sidecar, in any case
// ("memo.txt.META.yaml").
func isSidecar(p string) bool {
	return strings.HasSuffix(strings.ToLower(p), sidecarSuffix)
}

// sidecar is a sidecar file as read before its document: its content, or
// why it could not be read.
type sidecar struct {
	name string
	data []byte
	err  error
}

func readSidecarFile(fsys fs.FS, name string) sidecar {
	data, err := readLimited(fsys, name, sidecarMaxBytes)
	return sidecar{name: name, data: data, err: err}
}

// sidecarBase is the name a sidecar's document has, or has before its
// extension: "memo.pdf" for "memo.pdf.meta.yaml".
func sidecarBase(name string) string {
	return name[:len(name)-len(sidecarSuffix)]
}

// matchSidecars reads the sidecars of a walked corpus and gives each
// document its own (NAME.meta.yaml beside NAME or NAME.ext); orphans are
// the sidecars that match no document.
func matchSidecars(fsys fs.FS, docs, sidecars []string) (map[string][]sidecar, []string) {
	byBase := map[string][]string{}
	for _, p := range docs {
		byBase[p] = append(byBase[p], p)
		if stem := strings.TrimSuffix(p, path.Ext(p)); stem != p {
			byBase[stem] = append(byBase[stem], p)
		}
	}
	out := map[string][]sidecar{}
	var orphans []string
	for _, s := range sidecars {
		matched := byBase[sidecarBase(s)]
		if len(matched) == 0 {
			orphans = append(orphans, s)
			continue
		}
		read := readSidecarFile(fsys, s)
		for _, p := range matched {
			out[p] = append(out[p], read)
		}
	}
	return out, orphans
}

// sidecarsBeside reads the sidecars of the one file p of fsys (a file the
// operator named, loaded alone).
func sidecarsBeside(fsys fs.FS, p string) []sidecar {
	var out []sidecar
	for _, name := range []string{p + sidecarSuffix, strings.TrimSuffix(p, path.Ext(p)) + sidecarSuffix} {
		if s := readSidecarFile(fsys, name); !errors.Is(s.err, fs.ErrNotExist) {
			out = append(out, s)
		}
		if path.Ext(p) == "" {
			break // both names are the same
		}
	}
	return out
}

// sidecarAccess reads the access keys of a document's sidecars, all of
// them counting (see access), and the warnings about keys a sidecar does
// not read. A sidecar that cannot be read, or whose values cannot be
// applied, is an error naming it.
func sidecarAccess(sidecars []sidecar) (access, []string, error) {
	var (
		all      access
		warnings []string
	)
	for _, s := range sidecars {
		if s.err != nil {
			return access{}, nil, fmt.Errorf("%s: %w", DisplayName(s.name), s.err)
		}
		fields, err := yamlFields(s.data)
		if err != nil {
			return access{}, nil, fmt.Errorf("%s: %w", DisplayName(s.name), err)
		}
		a, unknown, err := fields.access()
		if err == nil {
			err = a.apply(&Document{}) // the values can be read
		}
		if err != nil {
			return access{}, nil, fmt.Errorf("%s: %w", DisplayName(s.name), err)
		}
		if len(unknown) > 0 {
			warnings = append(warnings, unknownKeys(DisplayName(s.name), unknown, sidecarReads))
		}
		all.Embargo = append(all.Embargo, a.Embargo...)
		all.Withdrawn = append(all.Withdrawn, a.Withdrawn...)
		all.WithdrawnNote = first(all.WithdrawnNote, a.WithdrawnNote)
	}
	return all, warnings, nil
}

// sidecarDigest identifies a document's sidecars by name and content, so
// that an edit is noticed whatever its size and time.
func sidecarDigest(sidecars []sidecar) string {
	if len(sidecars) == 0 {
		return ""
	}
	h := sha256.New()
	for _, s := range sidecars {
		fmt.Fprintf(h, "%s\x00%d\x00%v\x00", s.name, len(s.data), s.err)
		h.Write(s.data)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
