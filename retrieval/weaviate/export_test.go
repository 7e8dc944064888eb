package weaviate

// CheckRowByRow makes questions check the chunks they get against their
// documents' rows, as they do when too many documents were replaced to
// read their keys at once, until the returned func is called.
func CheckRowByRow() (restore func()) {
	replacedSetMax = -1
	return func() { replacedSetMax = maxLimit }
}
