package dev.tollgate.it.foreign.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The foreign application's one servlet: an inventory listing that says who asked. Plain Servlet API, no Tollgate:
 * it stands for any WAR that a user protects with the gate without changing it.
 */
public class InventoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print("items for " + (request.getRemoteUser() == null ? "nobody" : request.getRemoteUser())
                + " auth=" + request.getAuthType());
    }
}
