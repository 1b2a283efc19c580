package dev.tollgate.war.admin;

/** The body of {@code POST /api/admin/users/{id}/password}: the new password, 8 to 1024 characters. */
public record NewPassword(String password) {

    @Override
    public String toString() {
        return "NewPassword[redacted]";
    }
}
