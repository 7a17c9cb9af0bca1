import OpenCRVSSandboxTesting
import XCTest

final class SandboxTestingTests: XCTestCase {}
