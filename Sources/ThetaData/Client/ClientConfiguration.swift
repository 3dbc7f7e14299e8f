/// How a `ThetaDataClient` talks to the Terminal. Libraries take this; the CLI fills it from
/// flags, environment and file.
public struct ClientConfiguration: Sendable {
    public var apiVersion: APIVersion
    /// `http://127.0.0.1:25503` by default (v3; v2: 25510). Keep one host spelling: the
    /// Terminal answers 476 when `localhost` and `127.0.0.1` are mixed.
    public var baseURL: String
    /// Requests in flight at once, across the process (the Terminal's per-account cap).
    public var maxConcurrentRequests: Int
    /// The whole request, headers and body, every page included.
    public var requestTimeout: Duration
    /// Establishing the TCP connection.
    public var connectTimeout: Duration
    /// Silence between two reads of the body.
    public var readTimeout: Duration
    /// The body format asked for: v3 CSV or NDJSON, v2 JSON or CSV.
    public var bodyFormat: BodyFormat
    public var retryPolicy: RetryPolicy
    /// How often the upstream status is polled while the Terminal is disconnected, and for how long.
    public var statusPollInterval: Duration
    public var statusPollLimit: Duration
    /// Error bodies are read up to this size for their message.
    public var maxErrorBodyBytes: Int

    public static let defaultMaxConcurrentRequests = 4
    public static let defaultRequestTimeout = Duration.seconds(300)

    public init(
        apiVersion: APIVersion = .v3,
        baseURL: String? = nil,
        maxConcurrentRequests: Int = defaultMaxConcurrentRequests,
        requestTimeout: Duration = defaultRequestTimeout
    ) {
        self.apiVersion = apiVersion
        self.baseURL = baseURL ?? apiVersion.defaultBaseURL
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestTimeout = requestTimeout
        connectTimeout = .seconds(5)
        readTimeout = .seconds(120)
        bodyFormat = apiVersion == .v3 ? .v3CSV : .v2JSON
        retryPolicy = .default
        statusPollInterval = .seconds(2)
        statusPollLimit = .seconds(600)
        maxErrorBodyBytes = 64 * 1024
    }
}
