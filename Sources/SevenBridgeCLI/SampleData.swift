import Foundation
import TwentyFourSevenSimulator

/// Where the repository's sample data is, for commands that run without configuration.
enum SampleData {
    /// `samples/erp` under the working directory when it exists there, else under the source checkout.
    static var erpDirectory: String {
        let local = FileManager.default.currentDirectoryPath + "/samples/erp"
        if FileManager.default.fileExists(atPath: local + "/products.xml") { return local }
        return SimulatorData.sampleDirectory
    }
}
