// A blocking HTTP/1.1 client for integration tests (Boost.Beast, one connection a call).
//
//   HttpReply r = http_request("127.0.0.1:8080", "POST", "/v1/chat/completions", body);
#pragma once

#include <map>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

inline HttpReply http_request(const std::string& host_port, const std::string& method,
                              const std::string& target, const std::string& body = "",
                              std::map<std::string, std::string> headers = {}) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  const auto colon = host_port.rfind(':');
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(resolver.resolve(host_port.substr(0, colon), host_port.substr(colon + 1)));
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, host_port);
  request.set(http::field::content_type, "application/json");
  for (const auto& [k, v] : headers) request.set(k, v);
  request.body() = body;
  request.prepare_payload();
  beast::error_code ec;
  // A server may answer (413) and stop reading before the body is sent; read its answer.
  http::write(stream, request, ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser, ec);
  HttpReply reply;
  if (ec && ec != http::error::end_of_stream) throw beast::system_error(ec);
  const auto& response = parser.get();
  reply.status = response.result_int();
  reply.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}
