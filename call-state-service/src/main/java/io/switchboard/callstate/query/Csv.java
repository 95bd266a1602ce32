package io.switchboard.callstate.query;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** CSV lines by RFC 4180: comma-separated, CRLF-terminated, a header row first. */
final class Csv {

  static final MediaType TEXT_CSV = new MediaType("text", "csv");

  private Csv() {}

  /** The header line, then one line per row, streamed as the rows come. */
  static <T> Flux<String> lines(List<String> header, Flux<T> rows, Function<T, List<?>> fields) {
    return Flux.concat(Flux.just(line(header)), rows.map(row -> line(fields.apply(row))));
  }

  /** One record with its CRLF; null becomes an empty field. */
  static String line(List<?> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = fields.get(i);
      line.append(value == null ? "" : field(value.toString()));
    }
    return line.append("\r\n").toString();
  }

  /** A field is quoted only when it must be: it holds a comma, a quote, CR or LF; quotes are doubled. */
  static String field(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
        || value.indexOf('\n') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
