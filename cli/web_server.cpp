#include "cli/web_server.hpp"

#include <httplib.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "cli/bounded_task_queue.hpp"
#include "cli/http_params.hpp"
#include "cli/json_printer.hpp"
#include "cli/searcher_pool.hpp"
#include "cli/turnstile.hpp"
#include "cli/web_assets.hpp"
#include "common/error.hpp"
#include "common/post_date.hpp"
#include "query/search.hpp"
#include "query/stats.hpp"

namespace idx::cli {
namespace {

// Limits of one connection (docs/serve.md). A kept-alive connection holds a
// thread, so it is let go after 2 s idle: a SIGTERM drain stays within 5 s.
constexpr std::size_t kRequestsPerConnection = 1000;
constexpr time_t kKeepAliveSeconds = 2;
constexpr time_t kReadTimeoutSeconds = 5;  // a client silent this long mid-request is dropped
constexpr time_t kWriteTimeoutSeconds = 5;
constexpr std::size_t kBodyBytes = 8192;  // the API reads no body; more is 413

// The page's own resources only; `data:` images are the histogram's none.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
constexpr const char* kApiPolicy = "default-src 'none'; frame-ancestors 'none'";

// Per worker thread: when its request's routing began, and why it failed
// (for the log line only; clients see a sentence without paths).
thread_local std::chrono::steady_clock::time_point t_started;
thread_local std::string t_failure;

std::string_view status_code_name(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 413:
            return "payload_too_large";
        case 414:
            return "uri_too_long";
        case 429:
            return "too_many_requests";
        case 503:
            return "unavailable";
        default:
            return status >= 500 ? "internal" : "error";
    }
}

std::string default_message(int status) {
    switch (status) {
        case 404:
            return "there is nothing at this address; the API is under api/v1/";
        case 413:
            return "the request body is larger than " + std::to_string(kBodyBytes) + " bytes";
        case 414:
            return "the address is longer than 8192 bytes; shorten the query";
        case 429:
            return "the server is busy; try again in a moment";
        case 503:
            return "the index cannot be read now; try again in a moment";
        default:
            return status >= 500 ? "the server failed to answer; the error is in its log"
                                 : "the request could not be read";
    }
}

// A 503's sentence: which member of the set is down, when one is known,
// named without the server's folders (MemberNames::public_names).
std::string unavailable_message(const query::IndexUnavailable& e) {
    if (!e.member()) return default_message(503);
    return "the database " + member_name(*e.member(), MemberNames::public_names) +
           " cannot be reached now; try again in a moment";
}

void security_headers(httplib::Response& res, const char* policy) {
    res.set_header("Content-Security-Policy", policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
}

// The page with its base path in place of %BASE% (the path is checked to
// hold only characters that need no escaping).
std::string page_html(std::string_view html, const std::string& base) {
    std::string out(html);
    for (std::size_t at = out.find("%BASE%"); at != std::string::npos; at = out.find("%BASE%", at + base.size()))
        out.replace(at, 6, base);
    return out;
}

// cpp-httplib takes routes as regular expressions: a path's dots are literal.
std::string route(std::string_view path) {
    std::string out;
    for (const char c : path) {
        if (c == '.') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string normalise_base_path(const std::string& path) {
    std::string out;
    for (const char c : path) {
        const bool ok =
            std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (!ok) throw Error("--base-path '" + path + "' may hold only letters, digits and - . _ ~ /");
        if (c == '/' && (out.empty() || out.back() == '/')) continue;
        if (out.empty()) out = "/";
        out += c;
    }
    if (!out.empty() && out.back() == '/') out.pop_back();
    if (out.find("/..") != std::string::npos || out.find("/./") != std::string::npos || out.ends_with("/."))
        throw Error("--base-path '" + path + "' may not hold . or .. as a part");
    return out;
}

struct WebServer::Impl {
    explicit Impl(ServerOptions o) : options(std::move(o)), searchers(options.db) {}

    ServerOptions options;
    SearcherPool searchers;
    // Searches run at most one a core; the others wait their turn, in order,
    // rather than share the cores (see search()).
    Turnstile cores{std::max(1u, std::thread::hardware_concurrency())};
    httplib::Server server;
    std::string page;

    void configure();
    void routes();
    void log_line(const httplib::Request& req, const httplib::Response& res) const;

    void send_json(httplib::Response& res, int status, const nlohmann::json& body) const;
    void send_error(httplib::Response& res, int status, const std::string& message) const;
    // Runs an API handler: a bad request is 400 with its sentence; an index
    // that cannot be read is 503; anything else 500. No path or stack trace
    // reaches the client; the log line carries the reason.
    template <typename Handler>
    void answer(httplib::Response& res, Handler&& handler);

    void search(const httplib::Request& req, httplib::Response& res, bool hits);
    void stats(httplib::Response& res);
    void health(httplib::Response& res);
};

void WebServer::Impl::send_json(httplib::Response& res, int status, const nlohmann::json& body) const {
    res.status = status;
    res.set_content(json_line(body), "application/json; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
    security_headers(res, kApiPolicy);
    if (!options.cors_origin.empty()) {
        res.set_header("Access-Control-Allow-Origin", options.cors_origin);
        res.set_header("Vary", "Origin");
    }
}

void WebServer::Impl::send_error(httplib::Response& res, int status, const std::string& message) const {
    send_json(res, status, api_error_json(std::string(status_code_name(status)), message));
}

template <typename Handler>
void WebServer::Impl::answer(httplib::Response& res, Handler&& handler) {
    try {
        handler();
    } catch (const query::IndexUnavailable& e) {
        t_failure = e.what();
        send_error(res, 503, unavailable_message(e));
    } catch (const Error& e) {
        send_error(res, 400, e.what());
    } catch (const Xapian::QueryParserError& e) {
        send_error(res, 400, e.get_msg());
    } catch (const Xapian::WildcardError& e) {
        send_error(res, 400, e.get_msg());
    } catch (const Xapian::InvalidArgumentError& e) {
        send_error(res, 400, e.get_msg());
    } catch (const Xapian::Error& e) {
        t_failure = e.get_description();
        send_error(res, 503, default_message(503));
    } catch (const std::exception& e) {
        t_failure = e.what();
        send_error(res, 500, default_message(500));
    }
}

void WebServer::Impl::search(const httplib::Request& req, httplib::Response& res, bool hits) {
    answer(res, [&] {
        query::SearchRequest request = request_from_params(req.params);
        request.want_hits = hits;
        // One search a core at a time: sixteen sharing two cores made every
        // answer wait for all the others, the heaviest most of all; in turn,
        // each takes its own time plus its wait (measured in bench/RESULTS.md).
        const Turnstile::Pass turn(cores);
        SearcherPool::Lease searcher = searchers.acquire();
        const query::SearchResult result = searcher->search(request);
        send_json(
            res, 200,
            hits ? search_json(result, MemberNames::public_names) : facets_json(result, MemberNames::public_names));
    });
}

void WebServer::Impl::stats(httplib::Response& res) {
    answer(res, [&] {
        query::IndexStats stats;
        try {
            stats = query::read_stats(options.db);
        } catch (const Error& e) {
            throw query::IndexUnavailable(e);  // the opener's sentence names the server's folder
        }
        send_json(res, 200, public_stats_json(stats));
    });
}

void WebServer::Impl::health(httplib::Response& res) {
    try {
        SearcherPool::Lease searcher = searchers.acquire();
        send_json(res, 200, health_json(searcher->snapshot()));
    } catch (const query::IndexUnavailable& e) {
        t_failure = e.what();
        send_error(res, 503, unavailable_message(e));
    } catch (const std::exception& e) {
        t_failure = e.what();
        send_error(res, 503, default_message(503));
    }
}

void WebServer::Impl::log_line(const httplib::Request& req, const httplib::Response& res) const {
    std::string line = utc_iso8601(std::time(nullptr)) + " " + req.remote_addr + " " + req.method + " ";
    line += options.log_queries ? req.target : req.path;
    line += " " + std::to_string(res.status) + " " + std::to_string(res.body.size()) + "B";
    if (t_started != std::chrono::steady_clock::time_point{}) {
        const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started);
        char ms[32];
        std::snprintf(ms, sizeof ms, " %.1fms", took.count());
        line += ms;
        t_started = {};
    }
    if (!t_failure.empty()) {
        line += " (" + t_failure + ")";
        t_failure.clear();
    }
    line += "\n";
    if (options.log) {
        options.log(line);
        return;
    }
    // One write a line, so lines of different threads do not interleave.
    (void)!::write(STDERR_FILENO, line.data(), line.size());
}

void WebServer::Impl::configure() {
    server.new_task_queue = [this] { return new BoundedTaskQueue(options.threads, options.max_waiting); };
    server.set_tcp_nodelay(true);  // without it a probe ran at 89 req/s with 44 ms latency (issue 12)
    server.set_keep_alive_max_count(kRequestsPerConnection);
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    server.set_read_timeout(kReadTimeoutSeconds, 0);
    server.set_write_timeout(kWriteTimeoutSeconds, 0);
    server.set_payload_max_length(kBodyBytes);
    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
        t_started = std::chrono::steady_clock::now();
        if (!BoundedTaskQueue::turning_away()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Connection", "close");
        res.set_header("Retry-After", "1");
        res.status = 429;
        return httplib::Server::HandlerResponse::Handled;
    });
    // Every answer of 400 and more without a body of its own gets the JSON error.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
            if (res.body.empty()) send_error(res, res.status, default_message(res.status));
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, default_message(500));
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_line(req, res); });
}

void WebServer::Impl::routes() {
    const std::string base = route(options.base_path);
    const std::string api = base + "/api/v1/";
    server.Get(api + "search", [this](const httplib::Request& req, httplib::Response& res) { search(req, res, true); });
    server.Get(api + "facets",
               [this](const httplib::Request& req, httplib::Response& res) { search(req, res, false); });
    server.Get(api + "stats", [this](const httplib::Request&, httplib::Response& res) { stats(res); });
    server.Get(base + "/healthz", [this](const httplib::Request&, httplib::Response& res) { health(res); });
    for (const WebAsset& asset : web_assets()) {
        const bool is_page = asset.name == "index.html";
        if (is_page) page = page_html(asset.body, options.base_path);
        server.Get(base + "/" + (is_page ? std::string() : route(asset.name)),
                   [this, asset, is_page](const httplib::Request&, httplib::Response& res) {
                       if (is_page)
                           res.set_content(page, std::string(asset.content_type));
                       else
                           res.set_content(std::string(asset.body), std::string(asset.content_type));
                       res.set_header("Cache-Control", is_page ? "no-cache" : "public, max-age=300");
                       security_headers(res, kPagePolicy);
                   });
    }
    // Browsers ask for it at the root whatever the page's path: nothing, quietly.
    server.Get("/favicon\\.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    // `/search` without its slash: the page's relative links need it.
    if (!base.empty())
        server.Get(base, [this](const httplib::Request&, httplib::Response& res) {
            res.set_redirect(options.base_path + "/", 301);
        });
}

WebServer::WebServer(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {
    m_impl->options.base_path = normalise_base_path(m_impl->options.base_path);
    m_impl->configure();
    m_impl->routes();
}

WebServer::~WebServer() = default;

int WebServer::bind() {
    const ServerOptions& o = m_impl->options;
    if (o.port == 0) {
        const int port = m_impl->server.bind_to_any_port(o.host);
        if (port < 0) throw Error("cannot listen on " + o.host + ": the address is not this machine's");
        return port;
    }
    if (!m_impl->server.bind_to_port(o.host, o.port))
        throw Error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                    ": the port is in use or the address is not this machine's (choose another with --listen)");
    return o.port;
}

void WebServer::run() {
    m_impl->server.listen_after_bind();
}

void WebServer::stop() {
    m_impl->server.stop();
}

}  // namespace idx::cli
