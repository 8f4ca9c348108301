# The portal image used by docker-compose.yml. `npm ci` also builds the portal; `npm start` applies
# migrations and, into an empty database, a bootstrap admin whose one-time password it prints (no demo
# accounts: DATABASE_URL is set), then serves the portal.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "start"]
