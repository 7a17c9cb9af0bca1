import OpenCRVSSandbox

/// Helpers for XCTest suites that run a sandbox in-process.
public enum SandboxTesting {}
