package dev.videogate.support;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Test methods in reverse name order: with -Djunit.jupiter.testmethod.order.default=dev.videogate.support.ReverseMethodName
 * (and MethodOrderer$MethodName) a class is run both ways, to show its tests do not lean on each other's leftovers.
 */
public final class ReverseMethodName implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(
                Comparator.comparing((MethodDescriptor d) -> d.getMethod().getName()).reversed());
    }
}
