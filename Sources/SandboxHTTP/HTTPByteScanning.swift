/// The buffer work both HTTP/1.x parsers share (the server's request parser and the client's
/// response parser): finding line ends, finding the blank line that ends a head, and dropping
/// consumed bytes.
enum HTTPByteScanning {
  /// The end of the line starting at `start` (before its CRLF or bare LF) and the index after it.
  static func lineEnd(in buffer: [UInt8], from start: Int) -> (start: Int, next: Int)? {
    var index = start
    while index < buffer.count {
      if buffer[index] == 0x0A {
        let lineEnd = index > start && buffer[index - 1] == 0x0D ? index - 1 : index
        return (lineEnd, index + 1)
      }
      index += 1
    }
    return nil
  }

  /// The index just after the blank line that ends a head, scanning from `scanIndex` (bytes before
  /// it were already searched); when there is none yet, `scanIndex` moves to where the next search
  /// should resume.
  static func headEnd(in buffer: [UInt8], readIndex: Int, scanIndex: inout Int) -> Int? {
    var index = max(readIndex, scanIndex)
    while index < buffer.count {
      if buffer[index] == 0x0A {
        if index + 1 < buffer.count && buffer[index + 1] == 0x0A { return index + 2 }
        if index + 2 < buffer.count && buffer[index + 1] == 0x0D && buffer[index + 2] == 0x0A {
          return index + 3
        }
      }
      index += 1
    }
    scanIndex = max(readIndex, buffer.count - 2)
    return nil
  }

  /// Drops consumed bytes once they are all consumed or more than 64 KiB, keeping indexes valid.
  static func compact(_ buffer: inout [UInt8], readIndex: inout Int, scanIndex: inout Int) {
    if readIndex > 0 && (readIndex == buffer.count || readIndex > 65_536) {
      buffer.removeSubrange(0..<readIndex)
      scanIndex = max(0, scanIndex - readIndex)
      readIndex = 0
    }
  }
}
