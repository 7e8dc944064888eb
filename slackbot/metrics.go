package slackbot

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus metrics.
type Metrics struct {
	Questions  *prometheus.CounterVec
	Latency    *prometheus.HistogramVec
	Fallbacks  prometheus.Counter
	Feedback   *prometheus.CounterVec
	Reloads    *prometheus.CounterVec
	Errors     *prometheus.CounterVec
	RateLimits prometheus.Counter
}

// NewMetrics registers the metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Questions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsroom_bot_questions_total", Help: "Questions answered, by how they came and the kind of answer."}, []string{"via", "kind"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "newsroom_bot_answer_seconds", Help: "Time to answer, by stage: retrieval, model, total.",
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}}, []string{"stage"}),
		Fallbacks:  prometheus.NewCounter(prometheus.CounterOpts{Name: "newsroom_bot_fallbacks_total", Help: "Answers that fell back to extractive because the model failed or its answer failed the check."}),
		Feedback:   prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsroom_bot_feedback_total", Help: "Feedback clicks, by vote."}, []string{"vote"}),
		Reloads:    prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsroom_bot_reloads_total", Help: "Corpus reloads, by result."}, []string{"result"}),
		Errors:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsroom_bot_errors_total", Help: "Errors, by where they happened."}, []string{"where"}),
		RateLimits: prometheus.NewCounter(prometheus.CounterOpts{Name: "newsroom_bot_user_rate_limited_total", Help: "Questions refused by the per-user rate limit."}),
	}
	reg.MustRegister(m.Questions, m.Latency, m.Fallbacks, m.Feedback, m.Reloads, m.Errors, m.RateLimits)
	return m
}
