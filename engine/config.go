package engine

import (
	"fmt"
	"strconv"
)

// Config holds the cluster-wide settings of a simulation. Durations are kept in ticks, with the
// unit last in the name; the command language and the UI show them in Kafka's ms names.
type Config struct {
	// Seed feeds the one PRNG of the simulation.
	Seed uint64
	// Brokers is the number of brokers at start (1..MaxBrokers). Broker ids are 1..Brokers.
	Brokers int
	// Controllers is the size of the dedicated KRaft controller quorum (1, 3 or 5). Controller
	// node ids start at ControllerIDBase. Dedicated controllers (rather than combined mode) keep
	// a broker failure from also costing the metadata quorum, which is how production clusters
	// run and what makes a "kill the leader" demo behave the way learners expect.
	Controllers int
	// TickMs is the simulated time of one tick.
	TickMs int64
	// NetworkLatencyTicks is the one-way delay of every message between nodes (at least 1).
	NetworkLatencyTicks int64
	// BrokerHeartbeatIntervalTicks is broker.heartbeat.interval.ms (2000 ms).
	BrokerHeartbeatIntervalTicks int64
	// BrokerSessionTimeoutTicks is broker.session.timeout.ms (9000 ms): a broker that has not
	// heartbeated for this long is fenced by the active controller.
	BrokerSessionTimeoutTicks int64
	// ReplicaLagTimeMaxTicks is replica.lag.time.max.ms (30000 ms).
	ReplicaLagTimeMaxTicks int64
	// ReplicaFetchWaitMaxTicks is replica.fetch.wait.max.ms (500 ms): how long a leader holds a
	// fetch that has nothing to return.
	ReplicaFetchWaitMaxTicks int64
	// ReplicaFetchBackoffTicks is replica.fetch.backoff.ms (1000 ms), the pause after a failed fetch.
	ReplicaFetchBackoffTicks int64
	// ReplicaSocketTimeoutTicks is replica.socket.timeout.ms (30000 ms): a follower gives up on a
	// fetch that has had no answer for this long.
	ReplicaSocketTimeoutTicks int64
	// ReplicaFetchMaxRecords bounds one fetch response (a stand-in for replica.fetch.max.bytes).
	ReplicaFetchMaxRecords int
	// ControllerElectionTimeoutTicks is how long the voters wait without an active controller
	// before one of them wins an election (controller.quorum.fetch.timeout.ms, 2000 ms), plus a
	// random jitter of up to ControllerElectionJitterTicks (controller.quorum.election.backoff.max.ms).
	ControllerElectionTimeoutTicks int64
	ControllerElectionJitterTicks  int64
	// AutoLeaderRebalance is auto.leader.rebalance.enable (true); the check runs every
	// LeaderImbalanceCheckIntervalTicks (leader.imbalance.check.interval.seconds, 300 s).
	AutoLeaderRebalance               bool
	LeaderImbalanceCheckIntervalTicks int64
	// UncleanElectionIntervalTicks is unclean.leader.election.interval.ms (300000 ms), the KRaft
	// controller's periodic retry of unclean elections for leaderless partitions.
	UncleanElectionIntervalTicks int64
	// SlowFetchDelayTicks is the extra one-way delay of a slow broker's replication traffic, and
	// SlowFetchMaxRecords the most records it takes per fetch: a slow disk, in other words.
	SlowFetchDelayTicks int64
	SlowFetchMaxRecords int
	// RetentionCheckIntervalTicks is log.retention.check.interval.ms (300000 ms) and
	// LogCleanerBackoffTicks is log.cleaner.backoff.ms (15000 ms).
	RetentionCheckIntervalTicks int64
	LogCleanerBackoffTicks      int64
	// GroupInitialRebalanceDelayTicks is group.initial.rebalance.delay.ms (3000 ms).
	GroupInitialRebalanceDelayTicks int64
	// DefaultPartitions and DefaultReplicationFactor are num.partitions and
	// default.replication.factor, used when kafka-topics --create leaves them out.
	DefaultPartitions        int
	DefaultReplicationFactor int
	// StartTimeMs is the wall-clock time (ms since the Unix epoch) at tick 0, so that record
	// timestamps look like real CreateTime values.
	StartTimeMs int64
}

// Limits of the simulation.
const (
	MaxBrokers       = 12
	MaxPartitions    = 1000
	ControllerIDBase = 1000
)

// DefaultConfig returns Kafka 4.x defaults at 100 ms per tick.
func DefaultConfig() Config {
	c := Config{
		Seed:                     1,
		Brokers:                  3,
		Controllers:              3,
		TickMs:                   100,
		NetworkLatencyTicks:      1,
		AutoLeaderRebalance:      true,
		ReplicaFetchMaxRecords:   1000,
		SlowFetchMaxRecords:      1,
		DefaultPartitions:        1,
		DefaultReplicationFactor: 1,
		StartTimeMs:              1767225600000, // 2026-01-01T00:00:00Z
	}
	c.setDurations()
	return c
}

func (c *Config) setDurations() {
	t := c.MsToTicks
	c.BrokerHeartbeatIntervalTicks = t(2000)
	c.BrokerSessionTimeoutTicks = t(9000)
	c.ReplicaLagTimeMaxTicks = t(30000)
	c.ReplicaFetchWaitMaxTicks = t(500)
	c.ReplicaFetchBackoffTicks = t(1000)
	c.ReplicaSocketTimeoutTicks = t(30000)
	c.ControllerElectionTimeoutTicks = t(2000)
	c.ControllerElectionJitterTicks = t(1000)
	c.LeaderImbalanceCheckIntervalTicks = t(300000)
	c.UncleanElectionIntervalTicks = t(300000)
	c.SlowFetchDelayTicks = t(1000)
	c.GroupInitialRebalanceDelayTicks = t(3000)
	c.RetentionCheckIntervalTicks = t(300000)
	c.LogCleanerBackoffTicks = t(15000)
}

// MsToTicks converts a duration in ms to ticks, rounding up so that a non-zero duration never
// becomes zero ticks.
func (c Config) MsToTicks(ms int64) int64 {
	if ms <= 0 {
		return 0
	}
	t := ms / c.TickMs
	if ms%c.TickMs != 0 {
		t++ // rounding up this way cannot overflow, as ms + TickMs - 1 can for huge ms
	}
	return t
}

// TicksToMs converts ticks to ms.
func (c Config) TicksToMs(ticks int64) int64 { return ticks * c.TickMs }

func (c Config) validate() error {
	if c.Brokers < 1 || c.Brokers > MaxBrokers {
		return fmt.Errorf("the number of brokers must be between 1 and %d, not %d", MaxBrokers, c.Brokers)
	}
	if c.Controllers != 1 && c.Controllers != 3 && c.Controllers != 5 {
		return fmt.Errorf("the controller quorum must have 1, 3 or 5 voters, not %d", c.Controllers)
	}
	if c.TickMs < 1 {
		return fmt.Errorf("a tick must last at least 1 ms")
	}
	if c.NetworkLatencyTicks < 1 {
		return fmt.Errorf("network latency must be at least 1 tick")
	}
	return nil
}

// msProperty parses a client property given in ms (linger.ms, session.timeout.ms, ...) into
// ticks, with Kafka's ConfigException wording for a value that is not a number or too small.
func (c Config) msProperty(name, value string, dst *int64, min int64) error {
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || n < min {
		return cmdErr(fmt.Sprintf("Invalid value %s for configuration %s: must be a number >= %d", value, name, min))
	}
	*dst = c.MsToTicks(n)
	return nil
}
