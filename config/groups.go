package config

// Group is what a setting is for. A command registers the flags of the
// groups it uses, so its --help lists only those.
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

// groupOf files every setting of Settings under one group, by its
// environment variable (TestEverySettingHasOneGroup keeps the two in step).
var groupOf = map[string]Group{
	"BOT_CONFIG":    GroupGeneral,
	"BOT_LOG_LEVEL": GroupGeneral,

	"BOT_CORPUS":            GroupCorpus,
	"BOT_DATA_DIR":          GroupCorpus,
	"BOT_CHUNK_CHARS":       GroupCorpus,
	"BOT_CHUNK_OVERLAP":     GroupCorpus,
	"BOT_PDFTOTEXT":         GroupCorpus,
	"BOT_STORE":             GroupCorpus,
	"BOT_WEAVIATE_URL":      GroupCorpus,
	"BOT_WEAVIATE_API_KEY":  GroupCorpus,
	"BOT_WEAVIATE_NAME":     GroupCorpus,
	"BOT_WEAVIATE_SHARDS":   GroupCorpus,
	"BOT_WEAVIATE_REPLICAS": GroupCorpus,
	"BOT_EMBED_BASE_URL":    GroupCorpus,
	"BOT_EMBED_MODEL":       GroupCorpus,
	"BOT_EMBED_API_KEY":     GroupCorpus,

	"BOT_K":               GroupAnswers,
	"OPENAI_BASE_URL":     GroupAnswers,
	"BOT_LLM_BASE_URL":    GroupAnswers,
	"BOT_LLM_MODEL":       GroupAnswers,
	"OPENAI_API_KEY":      GroupAnswers,
	"BOT_LLM_API_KEY":     GroupAnswers,
	"BOT_LLM_TIMEOUT":     GroupAnswers,
	"BOT_LLM_MAX_TOKENS":  GroupAnswers,
	"BOT_LLM_TEMPERATURE": GroupAnswers,

	"SLACK_BOT_TOKEN":      GroupSlack,
	"SLACK_APP_TOKEN":      GroupSlack,
	"SLACK_SIGNING_SECRET": GroupSlack,
	"SLACK_API_URL":        GroupSlack,
	"BOT_LISTEN":           GroupSlack,
	"BOT_ADMINS":           GroupSlack,
	"BOT_CHANNELS":         GroupSlack,
	"BOT_MAX_CONCURRENT":   GroupSlack,
	"BOT_MAX_QUEUE":        GroupSlack,
	"BOT_AUDIT_LOG":        GroupSlack,
	"BOT_WATCH":            GroupSlack,
	"BOT_ADMIN_CHANNEL":    GroupSlack,
	"BOT_USER_RATE":        GroupSlack,
}

// Group returns the group the setting belongs to.
func (s Setting) Group() Group { return groupOf[s.Env] }

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
