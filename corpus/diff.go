package corpus

import "slices"

// Changes lists what differs between two loads of a corpus, by document ID.
type Changes struct {
	Added, Changed, Removed []string
}

// Diff compares an earlier load of a corpus with a later one.
func Diff(before, after []*Document) Changes {
	old := make(map[string]string, len(before))
	for _, d := range before {
		old[d.ID] = d.Hash()
	}
	var c Changes
	seen := make(map[string]bool, len(after))
	for _, d := range after {
		seen[d.ID] = true
		h, ok := old[d.ID]
		switch {
		case !ok:
			c.Added = append(c.Added, d.ID)
		case h != d.Hash():
			c.Changed = append(c.Changed, d.ID)
		}
	}
	for _, d := range before {
		if !seen[d.ID] {
			c.Removed = append(c.Removed, d.ID)
		}
	}
	slices.Sort(c.Added)
	slices.Sort(c.Changed)
	slices.Sort(c.Removed)
	return c
}
