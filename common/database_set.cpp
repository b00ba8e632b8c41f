#include "common/database_set.hpp"

#include <charconv>
#include <optional>

#include "common/error.hpp"
#include "common/local_database.hpp"

namespace idx {
namespace {

constexpr std::string_view kTcp = "tcp:";

// Operations on a connection that was made: long enough for a whole-index
// facet count on a loaded server, short enough that a hung server is noticed.
constexpr unsigned kRemoteTimeoutMs = 30000;

Xapian::Database open_remote(const DatabaseSpec& spec, unsigned connect_timeout_ms) {
    try {
        return Xapian::Remote::open(spec.host, spec.port, kRemoteTimeoutMs, connect_timeout_ms);
    } catch (const Xapian::Error& e) {
        throw MemberUnavailable("cannot reach the database " + spec.name() + " within " +
                                    std::to_string(connect_timeout_ms) + " ms: " + e.get_msg() +
                                    (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : ""),
                                spec);
    }
}

// One member, opened; an unreadable local folder is a MemberUnavailable too.
Xapian::Database open_member(const DatabaseSpec& member, unsigned connect_timeout_ms) {
    if (member.remote()) return open_remote(member, connect_timeout_ms);
    try {
        return open_for_reading(member.path);
    } catch (const MemberUnavailable&) {
        throw;
    } catch (const Error& e) {
        if (e.code() != ExitCode::io) throw;  // not an index: the set is misconfigured, not a member down
        throw MemberUnavailable(e.what(), member);
    }
}

}  // namespace

std::string DatabaseSpec::name() const {
    if (!remote()) return path;
    const bool ipv6 = host.find(':') != std::string::npos;
    return std::string(kTcp) + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool DatabaseSet::has_remote() const {
    for (const DatabaseSpec& member : members)
        if (member.remote()) return true;
    return false;
}

std::string DatabaseSet::name() const {
    std::string out;
    for (const DatabaseSpec& member : members) out += (out.empty() ? "" : ", ") + member.name();
    return out;
}

DatabaseSpec parse_database_spec(std::string_view text) {
    if (text.empty()) throw Error("a database needs a folder name or tcp:HOST:PORT (it was given an empty one)");
    if (text.substr(0, kTcp.size()) != kTcp) return {std::string(text), {}, 0};
    const std::string_view rest = text.substr(kTcp.size());
    const auto bad = [&](const std::string& why) {
        return Error("'" + std::string(text) + "' names no remote database: " + why +
                     " (write tcp:HOST:PORT, as xapian-tcpsrv --port PORT serves it)");
    };
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) throw bad("there is no port");
    std::string_view host = rest.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) throw bad("there is no host");
    const std::string_view port_text = rest.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
        throw bad("the port should be a number from 1 to 65535");
    return {{}, std::string(host), port};
}

DatabaseSet single_database(const std::string& path) {
    DatabaseSet set;
    set.members.push_back({path, {}, 0});
    return set;
}

Xapian::Database open_database_set(const DatabaseSet& set) {
    if (set.members.empty()) throw Error("no database to read: give --db DIR or tcp:HOST:PORT");
    if (set.single_local()) return open_for_reading(set.members.front().path);
    Xapian::Database all;
    for (const DatabaseSpec& member : set.members) all.add_database(open_member(member, set.connect_timeout_ms));
    return all;
}

LiveMembers open_live_members(const DatabaseSet& set) {
    if (set.single_local()) {
        LiveMembers out{open_database_set(set), {}, {}, {}, false};
        out.local.push_back(out.db);
        return out;
    }
    if (set.members.empty()) (void)open_database_set(set);  // throws its sentence
    const bool leave_out = set.allow_partial && set.members.size() >= 2;
    LiveMembers out;
    std::optional<MemberUnavailable> first_failure;
    for (const DatabaseSpec& member : set.members) {
        try {
            Xapian::Database opened = open_member(member, set.connect_timeout_ms);
            out.db.add_database(opened);
            if (member.remote()) {
                out.remote.add_database(opened);
                out.any_remote = true;
            } else {
                out.local.push_back(opened);
            }
        } catch (const MemberUnavailable& e) {
            if (!leave_out) throw;
            if (!first_failure) first_failure = e;
            out.missing.push_back(member);
        }
    }
    if (out.missing.size() == set.members.size()) throw *first_failure;
    return out;
}

bool any_member_back(const std::vector<DatabaseSpec>& members, unsigned connect_timeout_ms) {
    for (const DatabaseSpec& member : members) {
        try {
            (void)open_member(member, connect_timeout_ms);
            return true;
        } catch (const MemberUnavailable&) {
        }
    }
    return false;
}

}  // namespace idx
