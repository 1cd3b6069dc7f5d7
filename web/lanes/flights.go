package lanes

import (
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// Message kinds as engine.MessageView names them.
const (
	kindFetch           = "Fetch"
	kindFetchResponse   = "FetchResponse"
	kindProduce         = "Produce"
	kindProduceResponse = "ProduceResponse"
)

var flightClasses = map[string]string{
	kindFetch:           "flight flight-fetch",
	kindFetchResponse:   "flight flight-fetch-response",
	kindProduce:         "flight flight-produce",
	kindProduceResponse: "flight flight-produce-response",
}

// flightsOf draws the messages in flight for one partition as small nodes that the browser
// moves with a CSS transition. Paths, in block coordinates:
//   - Produce: from the left edge of the leader's lane to its log end; ProduceResponse back.
//   - a follower's Fetch: from the follower's lane up or down to the leader's, at the
//     follower's log end (the offset it asks for); the FetchResponse comes back the same way.
//   - a consumer's Fetch: from the right edge to the leader's high watermark (what it may
//     read); its FetchResponse leaves to the right edge.
//
// A message whose lane is not drawn (the broker is not a replica) is skipped. The node starts
// where the message is now, the fraction (tick-sent)/(due-sent) along its path, and moves to
// the destination over the wall-clock time left until it is due, so a flight drawn in the
// middle of its trip carries on at the same speed.
func (b *builder) flightsOf(pv *engine.PartitionView, base, blockKey string, lanes []laneRef, w window) {
	msgs := b.inAir[engine.TopicPartition{Topic: pv.Topic, Partition: pv.Partition}]
	if len(msgs) == 0 {
		return
	}
	find := func(broker int32) (laneRef, bool) {
		for _, l := range lanes {
			if l.r.Broker == broker {
				return l, true
			}
		}
		return laneRef{}, false
	}
	leftX := labelWidth
	rightX := trackX + float64(w.cells)*cellWidth + padRight - flightSize
	at := func(off int64) float64 {
		x, _ := w.x(off)
		return trackX + x - flightSize/2
	}
	y := func(l laneRef) float64 { return laneY(l.index) + cellTop + (cellHeight-flightSize)/2 }
	seen := map[string]int{}
	for _, i := range msgs {
		m := &b.v.InFlight[i]
		class, ok := flightClasses[m.Kind]
		if !ok {
			continue
		}
		var fromX, fromY, toX, toY float64
		switch {
		case m.Kind == kindProduce && m.From < 0:
			l, ok := find(m.To)
			if !ok {
				continue
			}
			fromX, fromY, toX, toY = leftX, y(l), at(l.r.LogEndOffset), y(l)
		case m.Kind == kindProduceResponse && m.To < 0:
			l, ok := find(m.From)
			if !ok {
				continue
			}
			fromX, fromY, toX, toY = at(l.r.LogEndOffset), y(l), leftX, y(l)
		case m.Kind == kindFetch && m.From >= 0 && m.To >= 0:
			f, ok1 := find(m.From)
			l, ok2 := find(m.To)
			if !ok1 || !ok2 {
				continue
			}
			x := at(f.r.LogEndOffset)
			fromX, fromY, toX, toY = x, y(f), x, y(l)
		case m.Kind == kindFetch && m.From < 0:
			l, ok := find(m.To)
			if !ok {
				continue
			}
			fromX, fromY, toX, toY = rightX, y(l), at(l.r.HighWatermark), y(l)
		case m.Kind == kindFetchResponse && m.From >= 0 && m.To >= 0:
			l, ok1 := find(m.From)
			f, ok2 := find(m.To)
			if !ok1 || !ok2 {
				continue
			}
			x := at(f.r.LogEndOffset)
			fromX, fromY, toX, toY = x, y(l), x, y(f)
		case m.Kind == kindFetchResponse && m.From >= 0:
			l, ok := find(m.From)
			if !ok {
				continue
			}
			fromX, fromY, toX, toY = at(l.r.HighWatermark), y(l), rightX, y(l)
		default:
			continue
		}
		frac := 1.0
		if span := m.DueTick - m.SentTick; span > 0 {
			frac = min(max(float64(b.v.Tick-m.SentTick)/float64(span), 0), 1)
		}
		id := "fly/" + base + "/" + m.Kind + "/" + itoa32(m.From) + "/" + itoa32(m.To) + "/" + keyPart(m.Client) + "/" + itoa(m.SentTick)
		n := seen[id]
		seen[id] = n + 1
		key := id + "/" + itoa(int64(n))
		text := ""
		if m.Records > 0 {
			text = itoa(int64(m.Records))
		}
		b.add(Node{Key: key, Parent: blockKey, Class: classes(class, flag(m.From < 0 || m.To < 0, "flight-client")),
			X: fromX + frac*(toX-fromX), Y: fromY + frac*(toY-fromY), W: flightSize, H: flightSize,
			ToX: toX, ToY: toY, DurMs: float64(max(m.DueTick-b.v.Tick, 0)) * b.o.MsPerTick,
			Text: text, Label: flightLabel(m), Data: [][2]string{{"kind", m.Kind}}})
	}
}

// flightLabel says what the message is: "Produce from client producer-1 to broker 2, 3 records".
func flightLabel(m *engine.MessageView) string {
	var sb strings.Builder
	sb.WriteString(m.Kind)
	sb.WriteString(" from ")
	sb.WriteString(endName(m.From, m.Client))
	sb.WriteString(" to ")
	sb.WriteString(endName(m.To, m.Client))
	if m.Records > 0 {
		sb.WriteString(", ")
		sb.WriteString(itoa(int64(m.Records)))
		sb.WriteString(plural(m.Records, " record", " records"))
	}
	return sb.String()
}

func endName(broker int32, client string) string {
	if broker >= 0 {
		return "broker " + itoa32(broker)
	}
	if client == "" {
		return "a client"
	}
	return "client " + client
}
