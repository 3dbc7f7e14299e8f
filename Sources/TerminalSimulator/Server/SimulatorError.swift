/// Why the simulator could not start.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    public var port: Int
    public var description: String {
        "port \(port) on 127.0.0.1 is already in use (a Terminal or another simulator may be running); stop it or pass --port"
    }
}
