import Foundation
import Testing
import TwentyFourSevenSimulator

@testable import BridgeModel

/// Values kept in the slots of a shape read, compare, hash and encode as a dictionary by path would, and their canonical
/// JSON is what `JSONEncoder` writes: content hashes do not depend on how a record keeps its values.
@Suite struct RecordValuesTests {
    /// A shape of random paths (some sharing prefixes, some non-ASCII or needing escapes), and the paths outside it.
    static func shape(_ random: inout SplitMix64) -> (RecordShape, outside: [String]) {
        var paths: [String] = []
        for index in 0..<Int(random.next() % 30 + 1) {
            let length = index % 3 == 0 ? 4 : Int(random.next() % 8) + 1
            paths.append((index % 3 == 0 ? "Customer." : "") + CanonicalJSONTests.text(&random, length: length))
        }
        let outside = (0..<3).map { _ in "Other." + CanonicalJSONTests.text(&random, length: 5) }
        return (RecordShape(paths: paths + paths.prefix(2)), outside.filter { !paths.contains($0) })
    }

    @Test func shapedValuesReadAndWriteAsADictionaryDoes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var random = SplitMix64(seed: 2026)
        for _ in 0..<300 {
            let (shape, outside) = Self.shape(&random)
            var shaped = OngoingRecord(kind: .order, key: "1", shape: shape)
            var reference: [String: String] = [:]
            for _ in 0..<Int(random.next() % 40) {
                let candidates = shape.paths + outside
                let path = candidates[Int(random.next() % UInt64(candidates.count))]
                let value =
                    random.next() % 5 == 0 ? "" : CanonicalJSONTests.text(&random, length: Int(random.next() % 12))
                if random.next() % 2 == 0, let slot = shape.slot(path) {
                    shaped[slot: slot] = value
                } else {
                    shaped[path] = value
                }
                reference[path] = OngoingRecord.isBlank(value) ? nil : value
            }
            #expect(shaped.values.dictionary == reference)
            #expect(shaped.values.count == reference.count)
            for path in shape.paths + outside {
                #expect(shaped[path] == reference[path])
                #expect(shaped.values[shape.key(path)] == reference[path])
                #expect(shaped.values[RecordShape.none.key(path)] == reference[path])
            }
            let unshaped = OngoingRecord(kind: .order, key: "1", values: RecordValues(reference))
            #expect(shaped == unshaped)
            #expect(shaped.hashValue == unshaped.hashValue)
            #expect(shaped.canonicalJSON == Array(try encoder.encode(shaped)))
            #expect(shaped.canonicalJSON == unshaped.canonicalJSON)
            let decoded = try JSONDecoder().decode(OngoingRecord.self, from: try encoder.encode(shaped))
            #expect(decoded == shaped)
        }
    }

    @Test func valuesThatDifferAreNotEqualWhateverTheirShapes() {
        let shape = RecordShape(paths: ["A", "B"])
        var one = RecordValues(shape: shape)
        one["A"] = "1"
        var other = RecordValues(shape: shape)
        other["B"] = "1"
        #expect(one != other)
        #expect(one != RecordValues(["A": "2"]))
        #expect(one == RecordValues(["A": "1"]))
        #expect(RecordValues(shape: shape) == RecordValues())
        one["A"] = nil
        #expect(one == RecordValues())
        #expect(one.isEmpty)
    }

    @Test func aKeyOfAnotherShapeReadsByPath() {
        let table = MappingTable.standard()
        let orders = table.shape(for: .order)
        #expect(table.shape(for: .order) === orders)
        var record = OngoingRecord(kind: .order, key: "5", shape: RecordShape(paths: ["Customer.Name", "X"]))
        record["Customer.Name"] = "Kari"
        #expect(record.values[orders.key("Customer.Name")] == "Kari")
        #expect(record.values[orders.key("X")] == nil)
    }
}
