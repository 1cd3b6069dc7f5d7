package engine

// ErrorCode is a Kafka protocol error, with the name and message that Kafka's clients print.
type ErrorCode int16

// The Kafka error codes the simulation can produce (codes as in Kafka's Errors.java).
const (
	ErrNone                         ErrorCode = 0
	ErrOffsetOutOfRange             ErrorCode = 1
	ErrUnknownTopicOrPartition      ErrorCode = 3
	ErrLeaderNotAvailable           ErrorCode = 5
	ErrNotLeaderOrFollower          ErrorCode = 6
	ErrRequestTimedOut              ErrorCode = 7
	ErrNetworkException             ErrorCode = 13
	ErrNotEnoughReplicas            ErrorCode = 19
	ErrNotEnoughReplicasAfterAppend ErrorCode = 20
	ErrFencedLeaderEpoch            ErrorCode = 74
	ErrInvalidRecord                ErrorCode = 87
	ErrOutOfOrderSequenceNumber     ErrorCode = 45
	ErrTimeout                      ErrorCode = -2 // client-side: the record expired in the accumulator
)

type errorInfo struct {
	name, exception, message string
	retriable                bool
}

var errorInfos = map[ErrorCode]errorInfo{
	ErrNone:                         {"NONE", "", "", false},
	ErrOffsetOutOfRange:             {"OFFSET_OUT_OF_RANGE", "OffsetOutOfRangeException", "The requested offset is not within the range of offsets maintained by the server.", false},
	ErrUnknownTopicOrPartition:      {"UNKNOWN_TOPIC_OR_PARTITION", "UnknownTopicOrPartitionException", "This server does not host this topic-partition.", true},
	ErrLeaderNotAvailable:           {"LEADER_NOT_AVAILABLE", "LeaderNotAvailableException", "There is no leader for this topic-partition as we are in the middle of a leadership election.", true},
	ErrNotLeaderOrFollower:          {"NOT_LEADER_OR_FOLLOWER", "NotLeaderOrFollowerException", "For requests intended only for the leader, this error indicates that the broker is not the current leader.", true},
	ErrRequestTimedOut:              {"REQUEST_TIMED_OUT", "TimeoutException", "The request timed out.", true},
	ErrNetworkException:             {"NETWORK_EXCEPTION", "NetworkException", "The server disconnected before a response was received.", true},
	ErrNotEnoughReplicas:            {"NOT_ENOUGH_REPLICAS", "NotEnoughReplicasException", "Messages are rejected since there are fewer in-sync replicas than required.", true},
	ErrNotEnoughReplicasAfterAppend: {"NOT_ENOUGH_REPLICAS_AFTER_APPEND", "NotEnoughReplicasAfterAppendException", "Messages are written to the log, but to fewer in-sync replicas than required.", true},
	ErrFencedLeaderEpoch:            {"FENCED_LEADER_EPOCH", "FencedLeaderEpochException", "The leader epoch in the request is older than the epoch on the broker.", true},
	ErrInvalidRecord:                {"INVALID_RECORD", "InvalidRecordException", "Compacted topic cannot accept message without key.", false},
	ErrOutOfOrderSequenceNumber:     {"OUT_OF_ORDER_SEQUENCE_NUMBER", "OutOfOrderSequenceException", "The broker received an out of order sequence number.", false},
	ErrTimeout:                      {"TIMEOUT", "TimeoutException", "Expiring record(s): delivery.timeout.ms has passed since batch creation.", false},
}

// String is the protocol name, for example NOT_ENOUGH_REPLICAS.
func (e ErrorCode) String() string { return errorInfos[e].name }

// Exception is the Java exception class Kafka's clients raise for the error.
func (e ErrorCode) Exception() string {
	return "org.apache.kafka.common.errors." + errorInfos[e].exception
}

// Message is Kafka's description of the error.
func (e ErrorCode) Message() string { return errorInfos[e].message }

// Retriable says whether Kafka's producer retries the error.
func (e ErrorCode) Retriable() bool { return errorInfos[e].retriable }

// CommandError is a command that cannot run: bad arguments, an unknown topic, an impossible
// replication factor. The state is unchanged when a command returns one.
type CommandError struct {
	Msg string
}

func (e *CommandError) Error() string { return e.Msg }

func cmdErr(msg string) error { return &CommandError{Msg: msg} }
