package engine_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// requireViewSorted checks the order a View promises, which its readers (the Markdown report,
// the what-if summary, the UI) rely on instead of sorting again: brokers and controllers by
// id, topics by name and their partitions by number, clients by name, groups by id. Every
// workload step checks it (workload.step).
func requireViewSorted(t testing.TB, v engine.View) {
	t.Helper()
	require.True(t, slices.IsSortedFunc(v.Brokers, func(a, b engine.BrokerView) int { return cmp.Compare(a.ID, b.ID) }), "brokers by id")
	require.True(t, slices.IsSortedFunc(v.Controllers, func(a, b engine.ControllerView) int { return cmp.Compare(a.ID, b.ID) }), "controllers by id")
	require.True(t, slices.IsSortedFunc(v.Topics, func(a, b engine.TopicView) int { return strings.Compare(a.Name, b.Name) }), "topics by name")
	for _, tv := range v.Topics {
		for i, p := range tv.Partitions {
			require.Equal(t, int32(i), p.Partition, "%s: partitions by number", tv.Name)
		}
	}
	require.True(t, slices.IsSortedFunc(v.Producers, func(a, b engine.ProducerView) int { return strings.Compare(a.Name, b.Name) }), "producers by name")
	require.True(t, slices.IsSortedFunc(v.Consumers, func(a, b engine.ConsumerView) int { return strings.Compare(a.Name, b.Name) }), "consumers by name")
	require.True(t, slices.IsSortedFunc(v.Groups, func(a, b engine.GroupView) int { return strings.Compare(a.GroupID, b.GroupID) }), "groups by id")
}
