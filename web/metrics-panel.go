package web

import (
	"strconv"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/web/model"
)

// MetricsPanel shows the handful of numbers an operator watches: the JMX metrics Kafka's own
// dashboards start with (UnderReplicatedPartitions, OfflinePartitionsCount, IsrShrinksPerSec...).
type MetricsPanel struct {
	App *App
}

type metricItem struct {
	ID, Label, Value string
	Bad              bool
}

func (c *MetricsPanel) metrics() model.Metrics {
	ev := c.App.S.Events
	return model.ComputeMetrics(c.App.S.View(), ev.KindCount(engine.EventIsrShrunk), ev.KindCount(engine.EventIsrExpanded))
}

func (c *MetricsPanel) items() []metricItem {
	m := c.metrics()
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	return []metricItem{
		{ID: "under-replicated", Label: "Under-replicated partitions", Value: n(int64(m.UnderReplicated)), Bad: m.UnderReplicated > 0},
		{ID: "offline", Label: "Offline partitions", Value: n(int64(m.Offline)), Bad: m.Offline > 0},
		{ID: "under-min-isr", Label: "Under min ISR", Value: n(int64(m.UnderMinISR)), Bad: m.UnderMinISR > 0},
		{ID: "isr-shrinks", Label: "ISR shrinks", Value: n(m.IsrShrinks)},
		{ID: "isr-expands", Label: "ISR expands", Value: n(m.IsrExpands)},
		{ID: "failed-produce", Label: "Failed produce requests", Value: n(m.FailedProduce), Bad: m.FailedProduce > 0},
		{ID: "lost-records", Label: "Acknowledged records lost", Value: n(int64(m.LostRecords)), Bad: m.LostRecords > 0},
	}
}

type groupItem struct {
	Group, State, Members, Lag string
}

func (c *MetricsPanel) groups() []groupItem {
	var out []groupItem
	for _, g := range c.metrics().Groups {
		out = append(out, groupItem{Group: g.Group, State: g.State, Members: strconv.Itoa(g.Members), Lag: strconv.FormatInt(g.Lag, 10)})
	}
	return out
}

func badClass(bad bool) string {
	if bad {
		return " bad"
	}
	return ""
}
