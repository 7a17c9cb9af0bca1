/// Bounds that keep hostile documents from exhausting memory or the (1 MiB) request-thread stack.
package struct GraphQLLimits: Sendable, Equatable {
  /// The largest document accepted, in UTF-8 bytes.
  package var maximumDocumentBytes: Int
  /// The deepest nesting of selection sets, list/object literals, list types and fragment spreads.
  package var maximumDepth: Int
  /// The most tokens a document may have (graphql-js `maxTokens`; Apollo sets none).
  package var maximumTokens: Int

  /// Custom limits.
  package init(maximumDocumentBytes: Int, maximumDepth: Int, maximumTokens: Int) {
    self.maximumDocumentBytes = maximumDocumentBytes
    self.maximumDepth = maximumDepth
    self.maximumTokens = maximumTokens
  }

  /// 1 MiB, 100 levels, 100 000 tokens: far above any real OpenCRVS query (about 5 levels).
  ///
  /// 100 rather than 200 levels because debug builds spend several KiB of stack per literal
  /// level, and 150 nested list literals already overflowed a 1 MiB request thread in testing.
  package static let standard = GraphQLLimits(
    maximumDocumentBytes: 1 << 20, maximumDepth: 100, maximumTokens: 100_000)
}
