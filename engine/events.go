package engine

import "fmt"

// EventKind classifies events so the UI can filter the log and lessons can wait for them.
type EventKind uint8

// Event kinds. Their String names are stable: lessons, tests and the UI filter use them.
const (
	EventBrokerStarted EventKind = iota + 1
	EventBrokerStopped
	EventBrokerKilled
	EventBrokerIsolated
	EventBrokerHealed
	EventBrokerSlow
	EventBrokerAdded
	EventBrokerFenced
	EventBrokerUnfenced
	EventControllerElected
	EventControllerLost
	EventControllerStarted
	EventControllerStopped
	EventControllerKilled
	EventTopicCreated
	EventTopicDeleted
	EventPartitionsCreated
	EventConfigChanged
	EventLeaderElected
	EventLeaderOffline
	EventIsrShrunk
	EventIsrExpanded
	EventLogTruncated
	EventRecordsLost
	EventRecordsAppended
	EventRecordsDuplicated
	EventProduceFailed
	EventProduceRetried
	EventOffsetReset
	EventGroupCoordinatorMoved
	EventGroupRebalance
	EventGroupMemberJoined
	EventGroupMemberLeft
	EventGroupStable
	EventGroupAssigned
	EventOffsetsCommitted
	EventCommitFailed
	EventRecordsReprocessed
	EventConsumerSlow
	EventRetention
	EventCompaction
)

var eventKindNames = [...]string{
	EventBrokerStarted:     "BrokerStarted",
	EventBrokerStopped:     "BrokerStopped",
	EventBrokerKilled:      "BrokerKilled",
	EventBrokerIsolated:    "BrokerIsolated",
	EventBrokerHealed:      "BrokerHealed",
	EventBrokerSlow:        "BrokerSlow",
	EventBrokerAdded:       "BrokerAdded",
	EventBrokerFenced:      "BrokerFenced",
	EventBrokerUnfenced:    "BrokerUnfenced",
	EventControllerElected: "ControllerElected",
	EventControllerLost:    "ControllerLost",
	EventControllerStarted: "ControllerStarted",
	EventControllerStopped: "ControllerStopped",
	EventControllerKilled:  "ControllerKilled",
	EventTopicCreated:      "TopicCreated",
	EventTopicDeleted:      "TopicDeleted",
	EventPartitionsCreated: "PartitionsCreated",
	EventConfigChanged:     "ConfigChanged",
	EventLeaderElected:     "LeaderElected",
	EventLeaderOffline:     "LeaderOffline",
	EventIsrShrunk:         "IsrShrunk",
	EventIsrExpanded:       "IsrExpanded",
	EventLogTruncated:      "LogTruncated",
	EventRecordsLost:       "RecordsLost",
	EventRecordsAppended:   "RecordsAppended",
	EventRecordsDuplicated: "RecordsDuplicated",
	EventProduceFailed:     "ProduceFailed",
	EventProduceRetried:    "ProduceRetried",
	EventOffsetReset:       "OffsetReset",

	EventGroupCoordinatorMoved: "GroupCoordinatorMoved",
	EventGroupRebalance:        "GroupRebalance",
	EventGroupMemberJoined:     "GroupMemberJoined",
	EventGroupMemberLeft:       "GroupMemberLeft",
	EventGroupStable:           "GroupStable",
	EventGroupAssigned:         "GroupAssigned",
	EventOffsetsCommitted:      "OffsetsCommitted",
	EventCommitFailed:          "CommitFailed",
	EventRecordsReprocessed:    "RecordsReprocessed",
	EventConsumerSlow:          "ConsumerSlow",
	EventRetention:             "Retention",
	EventCompaction:            "Compaction",
}

func (k EventKind) String() string {
	if int(k) < len(eventKindNames) && eventKindNames[k] != "" {
		return eventKindNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", k)
}

// MarshalText makes kinds appear by name in JSON.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Event is one thing that happened, in plain English, with the names it mentions kept as fields
// so that the UI can highlight them. Seq numbers events from 1 in the order they happened.
type Event struct {
	Seq       int64     `json:"seq"`
	Tick      int64     `json:"tick"`
	TimeMs    int64     `json:"timeMs"`
	Kind      EventKind `json:"kind"`
	Broker    int32     `json:"broker"`    // -1 when the event names no broker
	Topic     string    `json:"topic"`     // "" when it names no topic
	Partition int32     `json:"partition"` // -1 when it names no partition
	Offsets   []int64   `json:"offsets,omitempty"`
	Client    string    `json:"client,omitempty"`
	Group     string    `json:"group,omitempty"`
	Message   string    `json:"message"`
}

// DescribeEvent is the one stable textual form of an event, shared by the goldens, the event
// log and the lessons: "[12.3s] broker 2 was fenced ...".
func DescribeEvent(e Event) string {
	return fmt.Sprintf("[%s] %s", FormatSimTime(e.TimeMs), e.Message)
}

// FormatSimTime renders simulated time since the start as seconds with one decimal.
func FormatSimTime(ms int64) string {
	return fmt.Sprintf("%d.%ds", ms/1000, (ms%1000)/100)
}

type eventOpt func(*Event)

func onBroker(id int32) eventOpt { return func(e *Event) { e.Broker = id } }
func onPartition(t string, p int32) eventOpt {
	return func(e *Event) { e.Topic, e.Partition = t, p }
}
func onTopic(t string) eventOpt      { return func(e *Event) { e.Topic = t } }
func withOffsets(o []int64) eventOpt { return func(e *Event) { e.Offsets = o } }
func byClient(name string) eventOpt  { return func(e *Event) { e.Client = name } }
func onGroup(id string) eventOpt     { return func(e *Event) { e.Group = id } }

func (s *Sim) emit(kind EventKind, msg string, opts ...eventOpt) {
	e := Event{Seq: s.events.n + 1, Tick: s.now, TimeMs: s.cfg.TicksToMs(s.now),
		Kind: kind, Broker: -1, Partition: -1, Message: msg}
	for _, o := range opts {
		o(&e)
	}
	s.events.add(e)
}
