import Foundation
import Synchronization

@testable import SandboxHTTP

#if canImport(Glibc)
  import Glibc
#endif

/// A raw TCP listener whose connections follow a script, for answers `HTTPServer` never gives
/// (chunked bodies, interim responses, garbage, bodies delimited by the close).
final class ScriptedListener: Sendable {
  /// The port it listens on (127.0.0.1).
  let port: Int
  private let listener: Int32
  private let accepted = Atomic<Int>(0)

  /// Starts listening; `script` runs on a thread of its own for each accepted connection, which
  /// is closed when the script returns.
  init(backlog: Int32 = 64, _ script: @escaping @Sendable (ScriptedConnection) -> Void) throws {
    let (listener, port) = try Socket.listen(host: "127.0.0.1", port: 0, backlog: backlog)
    self.listener = listener
    self.port = port
    let thread = Thread { [self] in
      while let (fd, _) = Socket.accept(listener) {
        let index = self.accepted.add(1, ordering: .sequentiallyConsistent).newValue
        let worker = Thread {
          let connection = ScriptedConnection(fd: fd, index: index)
          script(connection)
          connection.close()
        }
        worker.start()
      }
    }
    thread.start()
  }

  /// A listener that never accepts (for connect timeouts).
  init(neverAccepting backlog: Int32) throws {
    (listener, port) = try Socket.listen(host: "127.0.0.1", port: 0, backlog: backlog)
  }

  /// Connections accepted so far.
  var acceptedCount: Int { accepted.load(ordering: .sequentiallyConsistent) }

  /// `http://127.0.0.1:port` plus `path`.
  func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

  /// Stops accepting.
  func stop() {
    Socket.shutdownBoth(listener)
    Socket.close(listener)
  }
}

/// One accepted connection, used only by its script's thread.
final class ScriptedConnection {
  /// The socket.
  let fd: Int32
  /// 1 for the first connection the listener accepted, 2 for the next…
  let index: Int
  private var buffer: [UInt8] = []
  private var closed = false

  init(fd: Int32, index: Int) {
    self.fd = fd
    self.index = index
    Socket.setReceiveTimeout(fd, seconds: 5)
  }

  /// Reads one request (head and Content-Length body); nil when the client closed first.
  @discardableResult
  func readRequest() -> String? {
    while true {
      if let end = find(Array("\r\n\r\n".utf8)) {
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeSubrange(0..<end + 4)
        let length =
          head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
          .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count < length {
          if !fill() { return nil }
        }
        buffer.removeSubrange(0..<length)
        return head
      }
      if !fill() { return nil }
    }
  }

  /// Sends `text` as is.
  func write(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { Socket.sendAll(fd, $0) } }

  /// Closes with a reset instead of a FIN.
  func reset() {
    Socket.setResetOnClose(fd)
    close()
  }

  /// Closes (FIN); later calls do nothing.
  func close() {
    guard !closed else { return }
    closed = true
    Socket.close(fd)
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    let count = chunk.withUnsafeMutableBytes { Socket.receive(fd, into: $0) }
    guard count > 0 else { return false }
    buffer.append(contentsOf: chunk[0..<count])
    return true
  }

  private func find(_ needle: [UInt8]) -> Int? {
    guard buffer.count >= needle.count else { return nil }
    for start in 0...(buffer.count - needle.count)
    where buffer[start..<start + needle.count].elementsEqual(needle) {
      return start
    }
    return nil
  }
}
