// idx serve's HTTP API, served in-process on a free loopback port and asked
// with cpp-httplib's client: every endpoint, every error and limit, answers
// equal to what the real `idx` prints, a commit seen without a restart, and
// requests answered while `idx add` writes.

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli/web_server.hpp"
#include "indexer/sync.hpp"
#include "tests/cli/json_schema.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/files.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::cli {
namespace {

namespace fs = std::filesystem;
using test::write_file;

std::string post(const std::string& title, const std::string& date, const std::string& body,
                 const std::string& extra = "") {
    return "---\ntitle: '" + title + "'\ndate: " + date + " 08:00:00\nauthor: Ann Lee\n" + extra + "---\n" + body +
           "\n";
}

void index_posts(const fs::path& posts, const fs::path& db) {
    indexer::SyncOptions options;
    options.db_path = db.string();
    options.roots = {posts.string()};
    options.jobs = 1;
    (void)indexer::sync(options);
}

// What the real idx prints on stdout for these arguments.
std::string run_idx(std::vector<std::string> args) {
    return test::run(test::idx_command(IDX_BINARY, std::move(args))).out;
}

// A running server over its own index; stopped and joined at the end.
class RunningServer {
public:
    explicit RunningServer(ServerOptions options) : m_server(std::move(options)) {
        m_port = m_server.bind();
        m_thread = std::thread([this] { m_server.run(); });
    }
    ~RunningServer() {
        m_server.stop();
        m_thread.join();
    }
    int port() const { return m_port; }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", m_port);
        c.set_read_timeout(10, 0);
        c.set_url_encode(false);  // targets go as written, `+` for a space as a browser's form sends it
        return c;
    }

private:
    WebServer m_server;
    int m_port = 0;
    std::thread m_thread;
};

class ServeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<test::TempDir>("idx-serve");
        const fs::path posts = *s_dir / "posts";
        fs::create_directories(posts);
        for (const fs::directory_entry& sample : fs::directory_iterator(IDX_SAMPLE_POSTS))
            if (sample.is_regular_file()) fs::copy_file(sample.path(), posts / sample.path().filename());
        write_file(posts / "2016-08-01-hostile.md",
                   // Entities: the indexer drops tags from titles but decodes
                   // entities, so this title is the text `<img src=x onerror=alert(1)>`.
                   post("&lt;img src=x onerror=alert(1)&gt;", "2016-08-01", "Harbour lights and a <b>bold</b> claim.",
                        "categories: [Harbour]\n"));
        index_posts(posts, db());
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static fs::path db() { return *s_dir / "db"; }
    static ServerOptions options() {
        ServerOptions o;
        o.db = single_database(db().string());
        o.port = 0;
        o.threads = 4;
        o.log = [](const std::string&) {};
        return o;
    }

    // An index of one post ("Alpha") of the test's own, for tests that change it.
    static ServerOptions alpha_index(const test::TempDir& own) {
        fs::create_directories(own / "posts");
        write_file(own / "posts" / "2016-01-01-a.md", post("Alpha", "2016-01-01", "alpha words"));
        index_posts(own / "posts", own / "db");
        ServerOptions o = options();
        o.db = single_database((own / "db").string());
        return o;
    }

    static std::unique_ptr<test::TempDir> s_dir;
};
std::unique_ptr<test::TempDir> ServeTest::s_dir;

nlohmann::json body_json(const httplib::Result& res) {
    return nlohmann::json::parse(res->body);
}

// One schema file (docs/json-schema-v1.json) holds what the CLI and the API print.
void expect_valid(const nlohmann::json& document, const std::string& definition) {
    EXPECT_EQ(test::json_schema_v1().problems(document, definition), std::vector<std::string>{}) << document;
}

TEST_F(ServeTest, SearchAnswersExactlyWhatIdxSearchJsonPrints) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
        {"q=ceasefire", {"ceasefire"}},
        {"q=harbour+lights&limit=3", {"--limit", "3", "harbour lights"}},
        {"q=&sort=oldest&offset=2&limit=4", {"--sort", "oldest", "--offset", "2", "--limit", "4", ""}},
        {"q=ceasefire&author=Staff+Writer&category=World",
         {"--author", "Staff Writer", "--category", "World", "ceasefire"}},
        {"q=garden&since=2016-03&until=2016-06&match=all",
         {"--since", "2016-03", "--until", "2016-06", "--match", "all", "garden"}},
        {"q=%22fragile+ceasefire%22&facet_limit=1", {"--facet-limit", "1", "\"fragile ceasefire\""}},
        {"q=volunters", {"volunters"}},
    };
    for (const auto& [params, arguments] : cases) {
        SCOPED_TRACE(params);
        const httplib::Result res = client.Get("/api/v1/search?" + params);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200);
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
        std::vector<std::string> args = {"search", "--json", "--db", db().string()};
        args.insert(args.end(), arguments.begin(), arguments.end());
        const nlohmann::json cli = nlohmann::json::parse(run_idx(args));
        EXPECT_EQ(body_json(res), cli);
        expect_valid(body_json(res), "search");
    }
}

TEST_F(ServeTest, FacetsAndStatsAnswerWhatTheCliPrintsWithoutServerPaths) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const httplib::Result facets = client.Get("/api/v1/facets?q=ceasefire");
    ASSERT_TRUE(facets);
    EXPECT_EQ(body_json(facets),
              nlohmann::json::parse(run_idx({"facets", "--json", "--db", db().string(), "ceasefire"})));

    const httplib::Result stats = client.Get("/api/v1/stats");
    ASSERT_TRUE(stats);
    nlohmann::json cli = nlohmann::json::parse(run_idx({"stats", "--json", "--db", db().string()}));
    const std::size_t failures = cli["failures"].size();
    cli.erase("database");
    cli.erase("roots");
    cli.erase("failures");
    cli["failure_count"] = failures;
    EXPECT_EQ(body_json(stats), cli);
    expect_valid(body_json(facets), "facets_result");
    expect_valid(body_json(stats), "public_stats");
    EXPECT_EQ(stats->body.find(s_dir->path().string()), std::string::npos);
}

TEST_F(ServeTest, HealthSaysTheDocumentCountAndRevisionAnd503WhenTheIndexIsGone) {
    const test::TempDir own("idx-serve-health");
    RunningServer server(alpha_index(own));
    httplib::Client client = server.client();
    const httplib::Result ok = client.Get("/healthz");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(body_json(ok)["documents"], 1);
    expect_valid(body_json(ok), "health");
    EXPECT_GE(body_json(ok)["revision"].get<int>(), 1);

    fs::rename(own / "db", own / "moved");
    const httplib::Result gone = client.Get("/healthz");
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 503);
    EXPECT_EQ(body_json(gone)["error"]["code"], "unavailable");
    expect_valid(body_json(gone), "api_error");
    EXPECT_EQ(gone->body.find(own.path().string()), std::string::npos) << gone->body;
    const httplib::Result search = client.Get("/api/v1/search?q=alpha");
    ASSERT_TRUE(search);
    EXPECT_EQ(search->status, 503);

    const httplib::Result stats = client.Get("/api/v1/stats");
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->status, 503);
    EXPECT_EQ(stats->body.find(own.path().string()), std::string::npos) << stats->body;

    fs::rename(own / "moved", own / "db");
    const httplib::Result back = client.Get("/api/v1/search?q=alpha");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->status, 200);
    EXPECT_EQ(body_json(back)["total"], 1);
}

TEST_F(ServeTest, AServerStartedBeforeItsIndexAnswers503UntilThereIsOne) {
    const test::TempDir own("idx-serve-none");
    ServerOptions o = options();
    o.db = single_database((own / "db").string());
    RunningServer server(o);
    httplib::Client client = server.client();
    for (const std::string path : {"/api/v1/search?q=alpha", "/api/v1/facets", "/api/v1/stats", "/healthz"}) {
        SCOPED_TRACE(path);
        const httplib::Result res = client.Get(path);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 503);
        expect_valid(body_json(res), "api_error");
        EXPECT_EQ(res->body.find(own.path().string()), std::string::npos) << res->body;
    }
    fs::create_directories(own / "posts");
    write_file(own / "posts" / "2016-01-01-a.md", post("Alpha", "2016-01-01", "alpha words"));
    index_posts(own / "posts", own / "db");
    EXPECT_EQ(body_json(client.Get("/api/v1/search?q=alpha"))["total"], 1);
}

struct BadRequest {
    std::string name;
    std::string target;
    int status;
    std::string code;
    std::string says;  // part of the message
};

class ServeErrorTest : public ServeTest, public ::testing::WithParamInterface<BadRequest> {};

TEST_P(ServeErrorTest, AnswersAJsonErrorWithTheRightStatusAndNoServerPath) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const BadRequest& bad = GetParam();
    const httplib::Result res = client.Get(bad.target);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, bad.status);
    const nlohmann::json body = body_json(res);
    expect_valid(body, "api_error");
    EXPECT_EQ(body["error"]["code"], bad.code);
    EXPECT_NE(body["error"]["message"].get<std::string>().find(bad.says), std::string::npos) << res->body;
    EXPECT_EQ(res->body.find(s_dir->path().string()), std::string::npos);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

INSTANTIATE_TEST_SUITE_P(
    Requests, ServeErrorTest,
    ::testing::Values(
        BadRequest{"UnknownParameter", "/api/v1/search?q=x&color=red", 400, "bad_request", "unknown parameter 'color'"},
        BadRequest{"LimitNotANumber", "/api/v1/search?q=x&limit=ten", 400, "bad_request",
                   "limit should be a whole number"},
        BadRequest{"LimitPastTheApiBound", "/api/v1/search?q=x&limit=101", 400, "bad_request", "at most 100"},
        BadRequest{"OffsetPastTheLimit", "/api/v1/search?q=x&offset=1000001", 400, "bad_request", "offset"},
        BadRequest{"RepeatedQuery", "/api/v1/search?q=x&q=y", 400, "bad_request", "more than once"},
        BadRequest{"FacetLimitZero", "/api/v1/search?q=x&facet_limit=0", 400, "bad_request", "facet_limit"},
        BadRequest{"UnknownSort", "/api/v1/search?q=x&sort=size", 400, "bad_request", "--sort takes"},
        BadRequest{"PartialNotAFlag", "/api/v1/search?q=x&partial=maybe", 400, "bad_request",
                   "partial should be 1 or 0"},
        BadRequest{"ReversedFilterRange", "/api/v1/search?q=leap&since=2020&until=2019", 400, "bad_request",
                   "reversed"},
        BadRequest{"ReversedRangeInQuery", "/api/v1/search?q=date:2020..2019", 400, "bad_request", "reversed"},
        BadRequest{"TooManyWildcards", "/api/v1/search?q=a*+b*+c*+d*+e*", 400, "bad_request", "wildcards"},
        BadRequest{"QueryTooLong", "/api/v1/search?q=" + std::string(1100, 'a'), 400, "bad_request", "at most 1,024"},
        BadRequest{"AddressTooLong", "/api/v1/search?q=" + std::string(9000, 'a'), 414, "uri_too_long", "8192"},
        BadRequest{"UnknownApiPath", "/api/v1/nothing", 404, "not_found", "api/v1/"},
        BadRequest{"PathOutOfTheRoot", "/../../etc/passwd", 404, "not_found", "nothing at this address"},
        BadRequest{"PathThroughAnAsset", "/idx-search.js/../../etc/passwd", 404, "not_found",
                   "nothing at this address"},
        BadRequest{"SourceFileOfAnAsset", "/web/index.html", 404, "not_found", "nothing at this address"}),
    test::param_name);

TEST_F(ServeTest, ABodyPastTheLimitIs413) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const httplib::Result res = client.Post("/api/v1/search", std::string(20000, 'x'), "text/plain");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(body_json(res)["error"]["code"], "payload_too_large");
}

TEST_F(ServeTest, ConnectionsPastThoseServedAndWaitingAreTurnedAwayWith429) {
    ServerOptions o = options();
    o.threads = 1;
    o.max_waiting = 0;
    RunningServer server(o);
    // The first client's kept-alive connection holds the one thread.
    httplib::Client first = server.client();
    first.set_keep_alive(true);
    ASSERT_TRUE(first.Get("/healthz"));
    httplib::Client second = server.client();
    const httplib::Result res = second.Get("/api/v1/search?q=ceasefire");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 429);
    EXPECT_EQ(body_json(res)["error"]["code"], "too_many_requests");
    expect_valid(body_json(res), "api_error");
    EXPECT_EQ(res->get_header_value("Retry-After"), "1");
    EXPECT_EQ(res->get_header_value("Connection"), "close");
}

TEST_F(ServeTest, APartialLastWordMatchesAsTheStartOfWordsAndIsMarked) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const httplib::Result whole = client.Get("/api/v1/search?q=ceasef");
    ASSERT_TRUE(whole);
    EXPECT_EQ(body_json(whole)["total"], 0);
    const httplib::Result typed = client.Get("/api/v1/search?q=ceasef&partial=1");
    ASSERT_TRUE(typed);
    const nlohmann::json body = body_json(typed);
    EXPECT_EQ(body["total"], 2);
    EXPECT_NE(body["results"][0]["snippet"].get<std::string>().find("<mark>ceasefire</mark>"), std::string::npos)
        << typed->body;
    EXPECT_TRUE(body["corrected_query"].is_null());
}

TEST_F(ServeTest, TitlesAndSnippetsAreDataNeverMarkup) {
    RunningServer server(options());
    httplib::Client client = server.client();
    const httplib::Result res = client.Get("/api/v1/search?q=bold+claim&match=all");
    ASSERT_TRUE(res);
    ASSERT_EQ(body_json(res)["total"], 1) << res->body;
    const nlohmann::json hit = body_json(res)["results"][0];
    EXPECT_EQ(hit["title"], "<img src=x onerror=alert(1)>");  // a JSON string; the page shows it as text
    const std::string snippet = hit["snippet"];
    EXPECT_EQ(snippet.find("<b>"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
}

TEST_F(ServeTest, ThePageAndItsFilesComeWithASecurityPolicyAndNothingElseIsServed) {
    RunningServer server(options());
    httplib::Client client = server.client();
    for (const std::string path : {"/", "/idx-search.js", "/idx-search.css"}) {
        SCOPED_TRACE(path);
        const httplib::Result res = client.Get(path);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200);
        const std::string policy = res->get_header_value("Content-Security-Policy");
        EXPECT_NE(policy.find("default-src 'none'"), std::string::npos);
        EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
        EXPECT_EQ(policy.find("unsafe"), std::string::npos);
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    }
    const httplib::Result page = client.Get("/");
    EXPECT_NE(page->body.find("src=\"/idx-search.js\""), std::string::npos);
    EXPECT_EQ(page->body.find("%BASE%"), std::string::npos);
    // Nothing served reaches past the embedded files: 40 KB in all (issue 12).
    std::size_t bytes = 0;
    for (const std::string path : {"/", "/idx-search.js", "/idx-search.css"}) bytes += client.Get(path)->body.size();
    EXPECT_LE(bytes, 40u * 1024);
}

TEST_F(ServeTest, UnderABasePathEverythingMovesThere) {
    ServerOptions o = options();
    o.base_path = "search/";
    RunningServer server(o);
    httplib::Client client = server.client();
    const httplib::Result api = client.Get("/search/api/v1/search?q=ceasefire");
    ASSERT_TRUE(api);
    EXPECT_EQ(api->status, 200);
    const httplib::Result page = client.Get("/search/");
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("src=\"/search/idx-search.js\""), std::string::npos);
    const httplib::Result bare = client.Get("/search");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->status, 301);
    EXPECT_EQ(bare->get_header_value("Location"), "/search/");
    EXPECT_EQ(client.Get("/api/v1/search?q=ceasefire")->status, 404);
}

TEST_F(ServeTest, CorsIsAllowedOnlyForTheOriginNamed) {
    {
        RunningServer server(options());
        EXPECT_FALSE(server.client().Get("/api/v1/search?q=x")->has_header("Access-Control-Allow-Origin"));
    }
    ServerOptions o = options();
    o.cors_origin = "https://blog.example.org";
    RunningServer server(o);
    const httplib::Result res = server.client().Get("/api/v1/search?q=x");
    EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "https://blog.example.org");
}

TEST_F(ServeTest, TheRequestLogShowsQueriesOnlyWhenAskedTo) {
    for (const bool log_queries : {false, true}) {
        auto lines = std::make_shared<std::vector<std::string>>();
        auto mutex = std::make_shared<std::mutex>();
        ServerOptions o = options();
        o.log_queries = log_queries;
        o.log = [lines, mutex](const std::string& line) {
            const std::lock_guard lock(*mutex);
            lines->push_back(line);
        };
        {
            RunningServer server(o);
            ASSERT_TRUE(server.client().Get("/api/v1/search?q=secretword"));
        }
        ASSERT_EQ(lines->size(), 1u);
        const std::string& line = lines->front();
        EXPECT_NE(line.find(" GET /api/v1/search"), std::string::npos) << line;
        EXPECT_NE(line.find(" 200 "), std::string::npos) << line;
        EXPECT_EQ(line.find("secretword") != std::string::npos, log_queries) << line;
    }
}

TEST_F(ServeTest, ACommitByIdxAddIsSeenByTheNextRequest) {
    const test::TempDir own("idx-serve-reload");
    RunningServer server(alpha_index(own));
    httplib::Client client = server.client();
    EXPECT_EQ(body_json(client.Get("/api/v1/search?q=zeppelin"))["total"], 0);
    write_file(own / "posts" / "2016-01-02-b.md", post("Zeppelin", "2016-01-02", "a zeppelin over the bay"));
    index_posts(own / "posts", own / "db");
    EXPECT_EQ(body_json(client.Get("/api/v1/search?q=zeppelin"))["total"], 1);
    EXPECT_EQ(body_json(client.Get("/healthz"))["documents"], 2);
}

TEST_F(ServeTest, RequestsAreAnsweredWhileIdxAddWrites) {
    const test::TempDir own("idx-serve-busy");
    const fs::path posts = own / "posts";
    fs::create_directories(posts);
    for (int i = 0; i < 200; ++i)
        write_file(posts / ("2016-01-01-p" + std::to_string(i) + ".md"),
                   post("Post " + std::to_string(i), "2016-01-01", "harbour words number " + std::to_string(i)));
    index_posts(posts, own / "db");
    ServerOptions o = options();
    o.db = single_database((own / "db").string());
    RunningServer server(o);

    std::atomic<bool> writing = true;
    std::thread writer([&] {
        for (int round = 0; round < 6; ++round) {
            for (int i = round; i < 200; i += 3)
                write_file(posts / ("2016-01-01-p" + std::to_string(i) + ".md"),
                           post("Post " + std::to_string(i), "2016-01-01",
                                "harbour words round " + std::to_string(round) + " number " + std::to_string(i)));
            indexer::SyncOptions sync_options;
            sync_options.db_path = (own / "db").string();
            sync_options.roots = {posts.string()};
            sync_options.jobs = 1;
            sync_options.commit_every = 20;
            (void)indexer::sync(sync_options);
        }
        writing = false;
    });
    std::vector<int> statuses;
    httplib::Client client = server.client();
    while (writing || statuses.size() < 20) {
        const httplib::Result res = client.Get("/api/v1/search?q=harbour&limit=5");
        statuses.push_back(res ? res->status : -1);
        if (res) {
            EXPECT_EQ(body_json(res)["total"], 200);
        }
    }
    writer.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), static_cast<long>(statuses.size()));
}

}  // namespace
}  // namespace idx::cli
