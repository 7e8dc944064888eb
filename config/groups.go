package config

// Group is what a setting is for (its field's group tag). A command
// registers the flags of the groups it uses, so its --help lists only those.
type Group string

const (
	// GroupGeneral settings apply to every command that reads a configuration.
	GroupGeneral Group = "general"
	// GroupCorpus settings say which documents are read and how they are
	// indexed and stored: ask, chat, eval, index and serve.
	GroupCorpus Group = "corpus"
	// GroupAnswers settings shape the answers: retrieval depth and the model
	// that writes answers (ask, chat, eval and serve).
	GroupAnswers Group = "answers"
	// GroupSlack settings are Slack mode's own (serve).
	GroupSlack Group = "slack"
)

// Groups are the groups in the order --help lists them.
var Groups = []Group{GroupGeneral, GroupCorpus, GroupAnswers, GroupSlack}

// in reports whether g is among groups; no groups means every group.
func (g Group) in(groups []Group) bool {
	if len(groups) == 0 {
		return true
	}
	for _, x := range groups {
		if x == g {
			return true
		}
	}
	return false
}
