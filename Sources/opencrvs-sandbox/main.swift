import Foundation
import OpenCRVSSandbox

exit(CommandRunner.main(Array(CommandLine.arguments.dropFirst())))
