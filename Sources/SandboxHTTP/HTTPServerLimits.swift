/// The sizes and timeouts the server enforces on every connection.
public struct HTTPServerLimits: Sendable, Equatable {
  /// The largest request line plus header block accepted; beyond it the answer is 431.
  public var maximumHeadBytes: Int
  /// The largest body accepted; beyond it the request reaches the handler marked too large.
  public var maximumBodyBytes: Int
  /// How long a client may take to send a complete request head, in seconds.
  public var headTimeout: Double
  /// How long a kept-alive connection may sit idle between requests, in seconds.
  public var idleTimeout: Double
  /// How long one read of a request body may wait for bytes, in seconds.
  public var bodyReadTimeout: Double
  /// The most connections served at once; more are closed on accept.
  public var maximumConnections: Int
  /// The most threads the server runs beyond its event loops, for handlers that wait on a thread
  /// (a scenario delay, an outbound call); at the cap a waiting handler keeps its loop until one
  /// ends, and the log says so. Long polls (`verify` with `within`) wait without a thread.
  public var maximumWaitingThreads: Int

  /// The sandbox's defaults: 64 KiB heads, hapi's 50 MiB bodies, Node's 5 s keep-alive.
  public init(
    maximumHeadBytes: Int = 64 * 1024, maximumBodyBytes: Int = 52_428_800, headTimeout: Double = 10,
    idleTimeout: Double = 5, bodyReadTimeout: Double = 10, maximumConnections: Int = 4096,
    maximumWaitingThreads: Int = 128
  ) {
    self.maximumHeadBytes = maximumHeadBytes
    self.maximumBodyBytes = maximumBodyBytes
    self.headTimeout = headTimeout
    self.idleTimeout = idleTimeout
    self.bodyReadTimeout = bodyReadTimeout
    self.maximumConnections = maximumConnections
    self.maximumWaitingThreads = maximumWaitingThreads
  }
}
