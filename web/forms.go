package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/web/model"
)

// The drafts hold form fields as typed. A bad number is reported next to the form, in Kafka's
// words where Kafka has them, and nothing is dispatched.

// TopicDraft is the new-topic dialog.
type TopicDraft struct {
	Name, Partitions, ReplicationFactor, MinISR string
	CleanupPolicy, RetentionMs, SegmentBytes    string
	Unclean                                     bool
}

// ProduceDraft is the produce form: Count records with Key (none when empty).
type ProduceDraft struct {
	Topic, Key, Value, Count, Acks string
}

// ProducerDraft is the add-producer form.
type ProducerDraft struct {
	Name, Topic, Acks, Rate, Keys string
	Idempotence                   bool
}

// ConsumerDraft is the add-consumer form.
type ConsumerDraft struct {
	Name, Group, Topic, Assignor string
}

func atoi(field, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s must be a whole number, not %q", field, s)
	}
	return n, nil
}

// CreateTopic dispatches the dialog's kafka-topics command and closes the dialog on success.
func (a *App) CreateTopic() {
	d := a.TopicForm
	f := model.TopicForm{Name: strings.TrimSpace(d.Name), Configs: map[string]string{}}
	var err error
	if f.Partitions, err = atoi("partitions", d.Partitions); err != nil {
		a.FormError = err.Error()
		return
	}
	if f.ReplicationFactor, err = atoi("replication factor", d.ReplicationFactor); err != nil {
		a.FormError = err.Error()
		return
	}
	for k, v := range map[string]string{"min.insync.replicas": d.MinISR, "cleanup.policy": d.CleanupPolicy,
		"retention.ms": d.RetentionMs, "segment.bytes": d.SegmentBytes} {
		if v = strings.TrimSpace(v); v != "" {
			f.Configs[k] = v
		}
	}
	if d.Unclean {
		f.Configs["unclean.leader.election.enable"] = "true"
	}
	a.dispatchForm(f.Command, func() {
		a.ShowNewTopic = false
		a.Topic = ""
		if a.Produce.Topic == "" {
			a.Produce.Topic = f.Name
		}
	})
}

// DeleteTopic deletes a topic.
func (a *App) DeleteTopic(name string) {
	a.Dispatch(model.DeleteTopicCommand(name), nil, model.SourceUI)
}

// ProduceRecords sends the produce form's records with the console producer.
func (a *App) ProduceRecords() {
	d := a.Produce
	n, err := atoi("count", d.Count)
	if err != nil {
		a.FormError = err.Error()
		return
	}
	topic := d.Topic
	if topic == "" {
		topic = a.firstTopic()
	}
	f := model.ProduceForm{Topic: topic, Key: strings.TrimSpace(d.Key), Value: d.Value, Count: n, Acks: d.Acks}
	line, input, err := f.Command()
	if err != nil {
		a.FormError = err.Error()
		return
	}
	a.FormError = ""
	a.Dispatch(line, input, model.SourceUI)
}

// AddProducer starts a long-lived producer.
func (a *App) AddProducer() {
	d := a.NewProducer
	rate, err := atoi("rate", d.Rate)
	if err != nil {
		a.FormError = err.Error()
		return
	}
	f := model.ProducerForm{Name: strings.TrimSpace(d.Name), Topic: orDefault(d.Topic, a.firstTopic()), Acks: d.Acks,
		Idempotence: d.Idempotence, RatePerSec: rate, Keys: splitList(d.Keys)}
	a.dispatchForm(f.Command, func() { a.NewProducer.Name, a.ShowAddProducer = nextName(d.Name), false })
}

// AddConsumer starts a group consumer.
func (a *App) AddConsumer() {
	d := a.NewConsumer
	f := model.ConsumerForm{Name: strings.TrimSpace(d.Name), Group: strings.TrimSpace(d.Group),
		Topic: orDefault(d.Topic, a.firstTopic()), Assignor: d.Assignor}
	a.dispatchForm(f.Command, func() { a.NewConsumer.Name, a.ShowAddConsumer = nextName(d.Name), false })
}

// dispatchForm builds a form's command, shows a validation error, or dispatches it and runs ok
// when the command succeeded.
func (a *App) dispatchForm(build func() (string, error), ok func()) {
	line, err := build()
	if err != nil {
		a.FormError = err.Error()
		return
	}
	res := a.Dispatch(line, nil, model.SourceUI)
	if res.Err != nil {
		a.FormError = res.Err.Error()
		return
	}
	a.FormError = ""
	ok()
}

func (a *App) firstTopic() string {
	if ts := a.UserTopics(); len(ts) > 0 {
		return ts[0]
	}
	return ""
}

// UserTopics are the topics the forms offer: internal ones (__consumer_offsets) are hidden.
func (a *App) UserTopics() []string {
	var out []string
	for _, t := range a.S.View().Topics {
		if !strings.HasPrefix(t.Name, "__") {
			out = append(out, t.Name)
		}
	}
	return out
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// nextName suggests the next client name: p1 -> p2, reader -> reader2.
func nextName(name string) string {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(name[i:])
	if err != nil {
		return name + "2"
	}
	return name[:i] + strconv.Itoa(n+1)
}
