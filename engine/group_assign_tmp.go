package engine

// runAssignor is a placeholder until engine/assign lands (see group_assign.go.draft).
func (s *Sim) runAssignor(g *group) map[string][]TopicPartition { return map[string][]TopicPartition{} }
