package io.apimdnssync.sandbox;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

/**
 * Sandbox only: the SDK insists on https for bearer tokens, the emulator speaks plain http on loopback. Requests to
 * the emulator's https origin are sent to its http origin; nothing else is touched.
 */
final class RewritingHttpClient implements HttpClient {
    private final HttpClient delegate;
    private final String from;
    private final String to;

    RewritingHttpClient(HttpClient delegate, String httpsOrigin, String httpOrigin) {
        this.delegate = delegate;
        this.from = httpsOrigin;
        this.to = httpOrigin;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return delegate.send(rewrite(request));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(rewrite(request), context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return delegate.sendSync(rewrite(request), context);
    }

    private HttpRequest rewrite(HttpRequest request) {
        String url = request.getUrl().toString();
        if (url.startsWith(from)) {
            request.setUrl(to + url.substring(from.length()));
        }
        return request;
    }
}
