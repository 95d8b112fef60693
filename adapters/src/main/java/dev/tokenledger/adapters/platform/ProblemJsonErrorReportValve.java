package dev.tokenledger.adapters.platform;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors the servlet container answers itself, before the application sees the request (a path it cannot decode,
 * an encoded slash or NUL): problem+json like every other answer, not Tomcat's HTML page.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        String code = status == 400 ? "INVALID_PARAMETER" : status == 404 ? "NOT_FOUND" : status >= 500 ? "INTERNAL_ERROR" : "REQUEST_REFUSED";
        String detail = status == 400 ? "the request line or path holds characters the ledger does not accept"
                : "the request was refused (" + status + ")";
        String body = "{\"type\":\"urn:token-ledger:problem:" + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + (status == 400 ? "Invalid parameter" : "Request refused") + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\",\"code\":\"" + code + "\"" + (status == 400 ? ",\"field\":\"path\"" : "") + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException e) {
            // the client went away; nothing to report to
        }
    }
}
