package engine

import "fmt"

// The broker commands. Each one is a fault or a repair that a learner triggers on purpose;
// nothing fails on its own.

func (s *Sim) brokerOrErr(id int32) (*broker, error) {
	b := s.broker(id)
	if b == nil {
		return nil, cmdErr(fmt.Sprintf("Broker %d does not exist (brokers: %s)", id, joinIDs(s.BrokerIDs())))
	}
	return b, nil
}

// BrokerIDs lists the broker ids in order.
func (s *Sim) BrokerIDs() []int32 {
	ids := make([]int32, len(s.brokers))
	for i, b := range s.brokers {
		ids[i] = b.id
	}
	return ids
}

// StopBroker shuts a broker down cleanly (controlled.shutdown.enable=true): the controller
// first moves leadership to other in-sync replicas and takes the broker out of every ISR, then
// the broker stops. A partition whose only in-sync replica is this broker goes offline. Without
// a reachable controller the shutdown cannot be controlled and the broker just stops; it is
// fenced later, when its session times out.
func (s *Sim) StopBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if !b.up() {
		return cmdErr(fmt.Sprintf("Broker %d is not running (it is %s)", id, b.status))
	}
	controlled := s.active >= 0 && b.reachable()
	s.shutdownNetwork(b)
	b.status = BrokerStopped
	if controlled {
		s.emit(EventBrokerStopped, fmt.Sprintf("broker %d began a controlled shutdown: leadership moves away first", id), onBroker(id))
		b.fenced = true
		s.removeBrokerFromPartitions(id, fmt.Sprintf("broker %d is shutting down", id))
		s.emit(EventBrokerStopped, fmt.Sprintf("broker %d stopped", id), onBroker(id))
	} else {
		s.emit(EventBrokerStopped, fmt.Sprintf("broker %d stopped without a controlled shutdown (no controller reachable)", id), onBroker(id))
	}
	s.observe()
	return nil
}

// KillBroker crashes a broker (kill -9). Nobody is told: the controller notices only when the
// broker's session times out (broker.session.timeout.ms). The log survives, as it does in Kafka
// when the process dies but the machine does not.
func (s *Sim) KillBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if !b.up() {
		return cmdErr(fmt.Sprintf("Broker %d is not running (it is %s)", id, b.status))
	}
	s.shutdownNetwork(b)
	b.status = BrokerCrashed
	s.emit(EventBrokerKilled, fmt.Sprintf("broker %d crashed; the controller will fence it after %d ms without a heartbeat",
		id, s.cfg.TicksToMs(s.cfg.BrokerSessionTimeoutTicks)), onBroker(id))
	s.observe()
	return nil
}

// shutdownNetwork drops a broker's in-memory request state: clients waiting on it see their
// connection close, followers stop fetching.
func (s *Sim) shutdownNetwork(b *broker) {
	s.eachPartition(func(_ *topic, p *partition) {
		r := p.replicaOn(b.id)
		if r == nil {
			return
		}
		s.failPurgatory(p, r, ErrNetworkException)
		for _, f := range r.parked {
			s.abortFetch(p, f)
		}
		r.parked = nil
		r.fetching = false
		r.progress = nil
		r.knownLeader = -1
	})
}

// StartBroker restarts a stopped or crashed broker. It recovers its log, registers with the
// controller at its next heartbeat and is unfenced; its replicas then follow the current
// leaders and truncate where their logs diverged (by leader epoch, KIP-101/KIP-279).
func (s *Sim) StartBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if b.up() {
		return cmdErr(fmt.Sprintf("Broker %d is already running", id))
	}
	b.status = BrokerRunning
	b.registered = false
	b.lastHeartbeat = s.now
	s.eachPartition(func(_ *topic, p *partition) {
		if r := p.replicaOn(id); r != nil {
			r.knownLeader, r.knownEpoch, r.knownISR = -1, -1, nil
			r.backoffUntil = 0
		}
	})
	s.emit(EventBrokerStarted, fmt.Sprintf("broker %d started and recovered its logs; it will register with the controller", id), onBroker(id))
	if s.active >= 0 && b.reachable() {
		s.heartbeat(b)
	}
	s.observe()
	return nil
}

// IsolateBroker cuts a broker off from the controller quorum and from the other brokers.
// Clients can still reach it, so a leader that is cut off keeps accepting writes until it
// learns it was replaced: with acks=1 those writes are lost when it comes back.
func (s *Sim) IsolateBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if b.isolated {
		return cmdErr(fmt.Sprintf("Broker %d is already isolated", id))
	}
	b.isolated = true
	s.emit(EventBrokerIsolated, fmt.Sprintf("broker %d is cut off from the controller and the other brokers (clients can still reach it)", id), onBroker(id))
	s.observe()
	return nil
}

// HealBroker reconnects an isolated broker and makes a slow one fast again.
func (s *Sim) HealBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if !b.isolated && !b.slow {
		return cmdErr(fmt.Sprintf("Broker %d is neither isolated nor slow", id))
	}
	b.isolated, b.slow = false, false
	s.emit(EventBrokerHealed, fmt.Sprintf("broker %d is healed: its network is back to normal", id), onBroker(id))
	if s.active >= 0 && b.up() {
		if b.fenced {
			s.heartbeat(b)
		} else {
			s.syncBroker(b)
		}
	}
	s.observe()
	return nil
}

// SlowBroker makes a broker a lagging follower: its replication traffic takes longer and each
// fetch brings back only a few records, as with a slow disk. Under steady writes it falls
// behind and leaves the ISR after replica.lag.time.max.ms.
func (s *Sim) SlowBroker(id int32) error {
	b, err := s.brokerOrErr(id)
	if err != nil {
		return err
	}
	if b.slow {
		return cmdErr(fmt.Sprintf("Broker %d is already slow", id))
	}
	b.slow = true
	s.emit(EventBrokerSlow, fmt.Sprintf("broker %d is slow: its fetches take %d ms longer and carry at most %d record(s)",
		id, s.cfg.TicksToMs(s.cfg.SlowFetchDelayTicks), s.cfg.SlowFetchMaxRecords), onBroker(id))
	s.observe()
	return nil
}

// AddBroker adds a new empty broker with the next free id. It registers at its first
// heartbeat; existing partitions do not move to it (Kafka never moves data by itself).
func (s *Sim) AddBroker() (int32, error) {
	if len(s.brokers) >= MaxBrokers {
		return 0, cmdErr(fmt.Sprintf("The playground supports at most %d brokers", MaxBrokers))
	}
	id := s.brokers[len(s.brokers)-1].id + 1
	b := &broker{id: id, lastHeartbeat: s.now}
	s.brokers = append(s.brokers, b)
	s.emit(EventBrokerAdded, fmt.Sprintf("broker %d was added to the cluster", id), onBroker(id))
	if s.active >= 0 {
		s.heartbeat(b)
	}
	s.observe()
	return id, nil
}

// ControllerCommand stops, kills, starts, isolates or heals a controller node.
func (s *Sim) ControllerCommand(action string, id int32) error {
	c := s.controller(id)
	if c == nil {
		ids := make([]int32, len(s.controllers))
		for i, n := range s.controllers {
			ids[i] = n.id
		}
		return cmdErr(fmt.Sprintf("Controller %d does not exist (controllers: %s)", id, joinIDs(ids)))
	}
	switch action {
	case "stop", "kill":
		if c.status != BrokerRunning {
			return cmdErr(fmt.Sprintf("Controller %d is not running", id))
		}
		kind, verb := EventControllerStopped, "stopped"
		c.status = BrokerStopped
		if action == "kill" {
			kind, verb, c.status = EventControllerKilled, "crashed", BrokerCrashed
		}
		s.emit(kind, fmt.Sprintf("controller %d %s", id, verb))
	case "start":
		if c.status == BrokerRunning {
			return cmdErr(fmt.Sprintf("Controller %d is already running", id))
		}
		c.status = BrokerRunning
		s.emit(EventControllerStarted, fmt.Sprintf("controller %d started and rejoined the quorum", id))
	case "isolate":
		if c.isolated {
			return cmdErr(fmt.Sprintf("Controller %d is already isolated", id))
		}
		c.isolated = true
		s.emit(EventControllerStopped, fmt.Sprintf("controller %d is cut off from the rest of the cluster", id))
	case "heal":
		if !c.isolated {
			return cmdErr(fmt.Sprintf("Controller %d is not isolated", id))
		}
		c.isolated = false
		s.emit(EventControllerStarted, fmt.Sprintf("controller %d is reconnected", id))
	default:
		return cmdErr(fmt.Sprintf("Unknown controller action %q (stop, kill, start, isolate, heal)", action))
	}
	s.quorumTick()
	s.observe()
	return nil
}
