/// One client connection of the event-loop server: its socket, its parser, the answer still being
/// sent and the deadline that closes it.
///
/// Owned by one thread at a time: the thread driving its loop, or, after the loop was handed on
/// during a slow handler, the thread that ran that handler, until it gives the connection back.
/// The handover always passes through an atomic or a lock, so no two threads use it at once.
final class HTTPConnection: @unchecked Sendable {
  /// What the connection is doing.
  enum Phase: Equatable {
    /// Reading a request (or waiting for the next one on a kept-alive connection).
    case reading
    /// Sending `output`; reading resumes once it is all out.
    case writing
    /// A scenario's hang: say nothing until the deadline, then close.
    case hanging
    /// Waiting for a deferred answer (a long poll); nothing is read meanwhile.
    case awaiting
    /// Our FIN is sent; discarding what the peer still sends until it closes or the deadline.
    case draining
    /// The socket is closed; nothing may use the connection again.
    case closed
  }

  /// The loop's key for the connection (never reused, unlike descriptors).
  let token: UInt64
  /// The socket, non-blocking.
  let fd: Int32
  /// The peer's address, for the log.
  let address: String
  /// The incremental request parser.
  var parser: HTTPRequestParser
  /// What the connection is doing.
  var phase = Phase.reading
  /// When the current phase gives up (monotonic seconds).
  var deadline: Double
  /// When the request head now arriving must be complete.
  var headDeadline: Double?
  /// What the loop's poller watches the socket for.
  var interest = EventPoller.Interest.read
  /// The answer being sent and how much of it is out.
  var output: [UInt8] = []
  /// How many bytes of `output` are sent.
  var outputSent = 0
  /// Whether to close (gracefully) once `output` is out.
  var closeAfterOutput = false
  /// Whether the peer has sent FIN: answer what is complete, then close.
  var peerClosed = false
  /// The `Date` line, cached per second.
  var date = HTTPDate()

  /// A connection just accepted.
  init(token: UInt64, fd: Int32, address: String, limits: HTTPServerLimits, now: Double) {
    self.token = token
    self.fd = fd
    self.address = address
    self.parser = HTTPRequestParser(limits: limits, remoteAddress: address)
    self.deadline = now + limits.idleTimeout
  }

  /// Whether part of `output` is still unsent.
  var hasOutputPending: Bool { outputSent < output.count }

  /// Sets the read deadline the parser's state calls for: the head deadline while a head arrives,
  /// the body timeout inside a body, the idle timeout between requests.
  func updateReadDeadline(limits: HTTPServerLimits, now: Double) {
    if parser.isReadingHead {
      let head = headDeadline ?? now + limits.headTimeout
      headDeadline = head
      deadline = head
    } else if parser.hasPartialRequest {
      deadline = now + limits.bodyReadTimeout
    } else {
      deadline = now + limits.idleTimeout
    }
  }
}
