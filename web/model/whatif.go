package model

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/session"
)

// The what-if panel shows two runs of the learner's session side by side. Its rows line up:
// the same broker, partition or group on the same row of both columns, with an absent one
// written as a dash, so that the eye reads across. A row that differs says so in words and
// with a sign (≠), never by colour alone.

// WhatIfView is the what-if panel: two columns, the banner and the differences.
type WhatIfView struct {
	Columns [2]WhatIfColumn
	// Banner says whether and when the runs diverged: "Diverged at t = 12.3s: ..." or
	// "No difference yet".
	Banner   string
	Diverged bool
	// Divergence lists the differences at the moment of divergence; Now those at the current
	// step, which can be more (or, while the runs' clocks drift, other) ones.
	Divergence []string
	Now        []string
}

// WhatIfColumn is one side: its title, its clock, and its rows.
type WhatIfColumn struct {
	Title      string // the override's label: "acks=1"
	TimeText   string // "t = 20.1s", the pane's own simulated time
	Brokers    []WhatIfRow
	Partitions []WhatIfPartitionRow
	Groups     []WhatIfRow
	Failed     []string
}

// WhatIfRow is a broker or a group on one side: a name and what it is there.
type WhatIfRow struct {
	Name    string
	Text    string
	Differs bool
}

// WhatIfPartitionRow is a partition on one side, as text ready to show.
type WhatIfPartitionRow struct {
	Name, Leader, ISR, HW, LogEnd, Lost, Refused string
	Differs                                      bool
}

// dash stands for a broker, partition or group the side does not have.
const dash = "—"

// NewWhatIfView builds the panel from a comparison.
func NewWhatIfView(c *session.Compare) WhatIfView {
	d, ok := c.Divergence()
	return BuildWhatIfView(c.Panes(), d, ok, c.Differences())
}

// BuildWhatIfView builds the panel from the comparison's parts.
func BuildWhatIfView(panes [2]session.PaneSummary, d session.Divergence, diverged bool, now []string) WhatIfView {
	v := WhatIfView{Diverged: diverged, Now: now, Divergence: d.Diffs}
	switch {
	case diverged && len(d.Diffs) > 0:
		v.Banner = fmt.Sprintf("Diverged at t = %s: %s", engine.FormatSimTime(d.TimeMs), d.Diffs[0])
	case diverged:
		v.Banner = "Diverged at t = " + engine.FormatSimTime(d.TimeMs)
	default:
		v.Banner = "No difference yet"
	}
	for i, p := range panes {
		v.Columns[i] = WhatIfColumn{Title: p.Label, TimeText: "t = " + engine.FormatSimTime(p.TimeMs), Failed: p.Failed}
	}

	brokers := [2]map[string]string{{}, {}}
	for i, p := range panes {
		for _, b := range p.Brokers {
			brokers[i][strconv.Itoa(int(b.ID))] = b.State
		}
	}
	for _, id := range sortedNumeric(brokers) {
		a, b := orDash(brokers[0], id), orDash(brokers[1], id)
		for i, text := range []string{a, b} {
			v.Columns[i].Brokers = append(v.Columns[i].Brokers, WhatIfRow{Name: "broker " + id, Text: text, Differs: a != b})
		}
	}

	parts := [2]map[string]WhatIfPartitionRow{{}, {}}
	var order []string
	for i, p := range panes {
		for _, ps := range p.Partitions {
			if _, seen := parts[0][ps.Name]; !seen {
				if _, seen := parts[1][ps.Name]; !seen {
					order = append(order, ps.Name)
				}
			}
			parts[i][ps.Name] = partitionRow(ps)
		}
	}
	slices.SortStableFunc(order, comparePartitionNames)
	for _, name := range order {
		a, okA := parts[0][name]
		b, okB := parts[1][name]
		if !okA {
			a = absentPartition(name)
		}
		if !okB {
			b = absentPartition(name)
		}
		differs := a != b
		a.Differs, b.Differs = differs, differs
		v.Columns[0].Partitions = append(v.Columns[0].Partitions, a)
		v.Columns[1].Partitions = append(v.Columns[1].Partitions, b)
	}

	groups := [2]map[string]string{{}, {}}
	for i, p := range panes {
		for _, g := range p.Groups {
			groups[i][g.Group] = groupText(g)
		}
	}
	ids := map[string]bool{}
	for _, m := range groups {
		for id := range m {
			ids[id] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		a, b := orDash(groups[0], id), orDash(groups[1], id)
		for i, text := range []string{a, b} {
			v.Columns[i].Groups = append(v.Columns[i].Groups, WhatIfRow{Name: "group " + id, Text: text, Differs: a != b})
		}
	}
	return v
}

func partitionRow(p session.PartitionSummary) WhatIfPartitionRow {
	r := WhatIfPartitionRow{Name: p.Name, Leader: "none (offline)", ISR: isrText(p.ISR), HW: dash, LogEnd: dash,
		Lost: strconv.Itoa(p.Lost), Refused: strconv.Itoa(p.Refused)}
	if p.Leader >= 0 {
		r.Leader = strconv.Itoa(int(p.Leader))
		r.HW, r.LogEnd = strconv.FormatInt(p.HighWatermark, 10), strconv.FormatInt(p.LogEndOffset, 10)
	}
	if p.UnderMinISR {
		r.ISR += " (under min.insync.replicas)"
	}
	return r
}

func absentPartition(name string) WhatIfPartitionRow {
	return WhatIfPartitionRow{Name: name, Leader: dash, ISR: dash, HW: dash, LogEnd: dash, Lost: dash, Refused: dash}
}

func isrText(ids []int32) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// groupText is a group's state and who has what: "Stable: c1 a-0, b-0; c2 none".
func groupText(g session.GroupSummary) string {
	if len(g.Members) == 0 {
		return g.State + ": no members"
	}
	var parts []string
	for _, m := range g.Members {
		has := "none"
		if len(m.Partitions) > 0 {
			has = strings.Join(m.Partitions, ", ")
		}
		parts = append(parts, m.Client+" "+has)
	}
	return g.State + ": " + strings.Join(parts, "; ")
}

func orDash(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return dash
}

// sortedNumeric lists the keys of both maps (broker ids) in numeric order.
func sortedNumeric(ms [2]map[string]string) []string {
	seen := map[string]bool{}
	for _, m := range ms {
		for k := range m {
			seen[k] = true
		}
	}
	keys := slices.Collect(maps.Keys(seen))
	slices.SortFunc(keys, func(a, b string) int {
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		return x - y
	})
	return keys
}

// comparePartitionNames orders "topic-N" names by topic, then by number (orders-2 before
// orders-10).
func comparePartitionNames(a, b string) int {
	ta, na := splitPartitionName(a)
	tb, nb := splitPartitionName(b)
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return na - nb
}

func splitPartitionName(s string) (string, int) {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return s, 0
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0
	}
	return s[:i], n
}
